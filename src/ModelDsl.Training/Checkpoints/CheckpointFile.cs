using System.Runtime.InteropServices;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Training.Checkpoints;

/// <summary>
/// A training checkpoint on disk: the model's state, the optimizer's state, the last completed epoch and named
/// numbers callbacks keep across a resume (e.g. the best monitored value), in one file.
/// </summary>
/// <remarks>
/// <para>Layout: the ASCII magic <c>MDSLCKP2</c>; a little-endian int32 length and a UTF-8 JSON header (epoch,
/// values, optimizer class); an int64 length and the model section, which is exactly what TorchSharp's
/// <c>Module.save</c> writes; an int64 length and the optimizer section, exactly what TorchSharp's
/// <c>OptimizerHelper.save_state_dict</c> writes (empty when there is no optimizer); the end marker <c>MDSLEND2</c>.
/// The tensors are thus stored by TorchSharp; the container only adds what makes one atomic, self-checking file
/// of the two (TorchSharp writes them to separate files).</para>
/// <para>Files are written to a temporary sibling, flushed to disk (fsync) and renamed over the target, so a
/// reader sees the previous checkpoint or the new one, never a partial file. The temporary files of writers that
/// were killed are deleted the next time a checkpoint is saved to the same folder.</para>
/// </remarks>
public static class CheckpointFile
{
    private static readonly byte[] Magic = "MDSLCKP2"u8.ToArray();
    private static readonly byte[] EndMarker = "MDSLEND2"u8.ToArray();

    private sealed record Header(int Epoch, string? Optimizer, Dictionary<string, double>? Values);

    /// <summary>Writes the model, the optimizer, <paramref name="epoch"/> and <paramref name="values"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="epoch">The last completed epoch (0-based).</param>
    /// <param name="model">The model whose <c>state_dict</c> is saved.</param>
    /// <param name="optimizer">The optimizer whose state is saved, or null.</param>
    /// <param name="values">Named finite numbers to keep with the checkpoint (non-finite ones are dropped).</param>
    public static void Save(string path, int epoch, nn.Module model, OptimizerHelper? optimizer, IReadOnlyDictionary<string, double>? values = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        var kept = values?.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Header(epoch, optimizer?.GetType().Name, kept));

        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        // What killed writers left behind goes first, so a folder that is written to again never accumulates them.
        CheckpointTempFiles.RemoveStale(dir);
        // The temporary name starts with '.' and ends in '.tmp' so globbing for checkpoints skips it; it carries
        // this process's id so a later cleanup never removes the file of a writer that is still running.
        var temp = CheckpointTempFiles.For(full);
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(json.Length);
                writer.Write(json);
                WriteSection(writer, () => model.save(writer));
                WriteSection(writer, () => optimizer?.save_state_dict(writer));
                writer.Write(EndMarker);
                writer.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files that checkpoint writes killed mid-way left in <paramref name="directory"/>
    /// (<c>.{name}.{pid}.{id}.tmp</c> whose writing process is gone). <see cref="Save"/> does this before each write;
    /// temporary files of running writers, in this process or another, are kept.
    /// </summary>
    /// <returns>How many files were deleted.</returns>
    public static int RemoveStaleTemporaryFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return CheckpointTempFiles.RemoveStale(directory);
    }

    /// <summary>Reads a checkpoint without applying it; the caller disposes the result.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, or is truncated or inconsistent; the message names it.</exception>
    public static CheckpointContents Read(string path)
    {
        using var reader = Open(path, out var header, out var modelLength, out _);
        var state = ReadModelSection(reader, path, modelLength);
        return new CheckpointContents(header.Epoch, state, header.Optimizer, header.Values ?? new Dictionary<string, double>(StringComparer.Ordinal));
    }

    /// <summary>
    /// Restores <paramref name="model"/> and <paramref name="optimizer"/> from a checkpoint, all or nothing: the file
    /// is checked whole, and every model tensor against the model, before anything is changed; should the optimizer
    /// state then fail to load, its previous state is put back.
    /// </summary>
    /// <returns>The last completed epoch and the values saved with it.</returns>
    /// <exception cref="InvalidDataException">The file is damaged or does not fit this model/optimizer; the message names the file and what differs.</exception>
    public static (int Epoch, IReadOnlyDictionary<string, double> Values) Restore(string path, nn.Module model, OptimizerHelper? optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var reader = Open(path, out var header, out var modelLength, out var optimizerLength);
        var saved = ReadModelSection(reader, path, modelLength);
        try
        {
            var target = model.state_dict();
            CheckFits(path, saved, target);
            reader.ReadInt64(); // the optimizer section's length, checked by Open
            if (optimizer is not null) RestoreOptimizer(reader, path, header, optimizer, optimizerLength);
            using (no_grad())
            {
                foreach (var (key, tensor) in saved) target[key].copy_(tensor);
            }
        }
        finally
        {
            foreach (var t in saved.Values) t.Dispose();
        }
        return (header.Epoch, header.Values ?? new Dictionary<string, double>(StringComparer.Ordinal));
    }

    private static void WriteSection(BinaryWriter writer, Action write)
    {
        // The length is patched in after the section is written: TorchSharp streams it without telling its size.
        var stream = writer.BaseStream;
        var at = stream.Position;
        writer.Write(0L);
        writer.Flush();
        write();
        writer.Flush();
        var end = stream.Position;
        stream.Position = at;
        writer.Write(end - at - sizeof(long));
        writer.Flush();
        stream.Position = end;
    }

    private static BinaryReader Open(string path, out Header header, out long modelLength, out long optimizerLength)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        var file = File.OpenRead(path);
        var reader = new BinaryReader(file, System.Text.Encoding.UTF8);
        try
        {
            var length = file.Length;
            var head = reader.ReadBytes(Magic.Length);
            if (head.Length == 0 || !head.AsSpan().SequenceEqual(Magic.AsSpan(0, head.Length)))
            {
                throw new InvalidDataException($"'{path}' is not a ModelDsl checkpoint (it does not start with MDSLCKP2).");
            }
            if (length < Magic.Length + 4 + 2 * sizeof(long) + EndMarker.Length || !HasEndMarker(file))
            {
                throw new InvalidDataException($"Checkpoint '{path}' is truncated: its end marker is missing.");
            }
            file.Position = Magic.Length;
            var jsonLength = reader.ReadInt32();
            if (jsonLength <= 0 || Magic.Length + 4L + jsonLength + 2 * sizeof(long) + EndMarker.Length > length)
            {
                throw new InvalidDataException($"Checkpoint '{path}' has a header length of {jsonLength} bytes, beyond the file's {length}.");
            }
            try
            {
                header = JsonSerializer.Deserialize<Header>(reader.ReadBytes(jsonLength))
                    ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty header.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Checkpoint '{path}' has a corrupt header: {e.Message}", e);
            }
            modelLength = reader.ReadInt64();
            var optimizerAt = file.Position + modelLength;
            if (modelLength < 0 || optimizerAt + sizeof(long) > length - EndMarker.Length)
            {
                throw new InvalidDataException($"Checkpoint '{path}' declares a model section of {modelLength} bytes, beyond the file's {length}.");
            }
            file.Position = optimizerAt;
            optimizerLength = reader.ReadInt64();
            if (optimizerLength < 0 || file.Position + optimizerLength != length - EndMarker.Length)
            {
                throw new InvalidDataException($"Checkpoint '{path}' declares an optimizer section of {optimizerLength} bytes, which does not end at its end marker.");
            }
            file.Position = Magic.Length + 4L + jsonLength + sizeof(long);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static bool HasEndMarker(FileStream file)
    {
        file.Position = file.Length - EndMarker.Length;
        Span<byte> tail = stackalloc byte[8];
        file.ReadExactly(tail);
        return tail.SequenceEqual(EndMarker);
    }

    private static Dictionary<string, Tensor> ReadModelSection(BinaryReader reader, string path, long length)
    {
        var start = reader.BaseStream.Position;
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            // TorchSharp writes counts as unsigned LEB128, which is .NET's 7-bit encoded integer.
            var count = reader.Read7BitEncodedInt64();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                state.Add(key, TensorExtensionMethods.Load(reader).DetachFromDisposeScope());
            }
            if (reader.BaseStream.Position != start + length)
            {
                throw new InvalidDataException($"Checkpoint '{path}' has a model section of {reader.BaseStream.Position - start} bytes where its header says {length}.");
            }
            return state;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IOException or OverflowException or ExternalException)
        {
            foreach (var t in state.Values) t.Dispose();
            throw new InvalidDataException($"Checkpoint '{path}' has a damaged model section: {e.Message}", e);
        }
        catch
        {
            foreach (var t in state.Values) t.Dispose();
            throw;
        }
    }

    private static void CheckFits(string path, Dictionary<string, Tensor> saved, Dictionary<string, Tensor> target)
    {
        var missing = target.Keys.Where(k => !saved.ContainsKey(k)).ToList();
        var unexpected = saved.Keys.Where(k => !target.ContainsKey(k)).ToList();
        var mismatched = saved.Where(kv => target.TryGetValue(kv.Key, out var t) && (t.dtype != kv.Value.dtype || !t.shape.SequenceEqual(kv.Value.shape)))
            .Select(kv => $"{kv.Key} is {kv.Value.dtype} [{string.Join(", ", kv.Value.shape)}] in the file but {target[kv.Key].dtype} [{string.Join(", ", target[kv.Key].shape)}] in the model")
            .ToList();
        if (missing.Count + unexpected.Count + mismatched.Count == 0) return;
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add("missing from the file: " + string.Join(", ", missing));
        if (unexpected.Count > 0) problems.Add("not in the model: " + string.Join(", ", unexpected));
        problems.AddRange(mismatched);
        throw new InvalidDataException($"Checkpoint '{path}' does not fit this model: {string.Join("; ", problems)}.");
    }

    private static void RestoreOptimizer(BinaryReader reader, string path, Header header, OptimizerHelper optimizer, long length)
    {
        var name = optimizer.GetType().Name;
        if (header.Optimizer is null || length == 0)
        {
            throw new InvalidDataException($"Checkpoint '{path}' holds no optimizer state, but the trainer's optimizer is {name}.");
        }
        if (header.Optimizer != name)
        {
            throw new InvalidDataException($"Checkpoint '{path}' holds {header.Optimizer} state, but the trainer's optimizer is {name}.");
        }
        // TorchSharp loads optimizer state in place, tensor by tensor: keep the current state to put back on failure.
        using var backup = new MemoryStream();
        using (var backupWriter = new BinaryWriter(backup, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(backupWriter);
        var start = reader.BaseStream.Position;
        try
        {
            optimizer.load_state_dict(reader);
            if (reader.BaseStream.Position != start + length)
            {
                throw new InvalidDataException($"Checkpoint '{path}' has an optimizer section of {reader.BaseStream.Position - start} bytes where its header says {length}.");
            }
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidDataException or IOException or ExternalException)
        {
            backup.Position = 0;
            using (var backupReader = new BinaryReader(backup)) optimizer.load_state_dict(backupReader);
            throw e is InvalidDataException ide && ide.Message.Contains(path, StringComparison.Ordinal)
                ? ide
                : new InvalidDataException($"Checkpoint '{path}' has optimizer state that does not fit this {name}: {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover .tmp file is harmless and never mistaken for a checkpoint.
        }
    }
}
