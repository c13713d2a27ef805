using System.Runtime.InteropServices;
using System.Text;
using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <summary>
/// Saves and loads named tensors (a state_dict) as libtorch's pickle of a plain <c>dict</c>, a file
/// PyTorch's <c>torch.load</c> reads and that <see cref="Load"/> reads back, as do files PyTorch saves
/// from a plain dict. (PyTorch's usual <c>OrderedDict</c> checkpoints need the Transfer importer.)
/// </summary>
public static class TensorSerializer
{
    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="path"/> atomically: to a temporary file in the
    /// same folder first, then renamed over the target, so a crash never leaves a half-written file.
    /// </summary>
    public static void Save(IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = Pickle(tensors);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Reads a file holding a pickled dict of string to tensor. The tensors are new, tracked by the
    /// current <see cref="DisposeScope"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a dict (the message names the file and why).</exception>
    public static IReadOnlyDictionary<string, Tensor> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = File.ReadAllBytes(path);
        return Unpickle(bytes, path);
    }

    private static unsafe byte[] Pickle(IReadOnlyDictionary<string, Tensor> tensors)
    {
        var names = new MemoryStream();
        var handles = new IntPtr[tensors.Count];
        var i = 0;
        foreach (var (name, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, $"tensors[\"{name}\"]");
            if (name.Contains('\0')) throw new ArgumentException($"Tensor name '{name}' contains a NUL character.", nameof(tensors));
            names.Write(Encoding.UTF8.GetBytes(name));
            names.WriteByte(0);
            handles[i++] = tensor.Ptr;
        }
        var nameBytes = names.ToArray();
        long size;
        byte* buffer;
        fixed (byte* n = nameBytes)
        fixed (IntPtr* h = handles)
        {
            buffer = NativeMethods.mdsl_pickle_save(n, h, handles.Length, &size);
        }
        GC.KeepAlive(tensors);
        if (buffer == null) throw new TorchException("save", NativeError.LastMessage());
        try
        {
            return new ReadOnlySpan<byte>(buffer, checked((int)size)).ToArray();
        }
        finally
        {
            NativeMethods.mdsl_free_bytes(buffer);
        }
    }

    private static unsafe IReadOnlyDictionary<string, Tensor> Unpickle(byte[] bytes, string path)
    {
        IntPtr entries;
        fixed (byte* b = bytes)
        {
            entries = NativeMethods.mdsl_pickle_load(b, bytes.Length);
        }
        if (entries == IntPtr.Zero)
        {
            // libtorch reads only the zip container torch.save has written by default since PyTorch 1.6.
            var hint = bytes is [(byte)'P', (byte)'K', ..]
                ? "PyTorch's OrderedDict state_dict files are read by ModelDsl.Transfer's importer"
                : "it is not a zip archive (PyTorch's legacy _use_new_zipfile_serialization=False format is not supported)";
            throw new InvalidDataException($"'{path}' is not a saved dict of string to tensor: {NativeError.LastMessage().Trim()}; {hint}.");
        }
        var result = new Dictionary<string, Tensor>();
        try
        {
            var count = NativeError.Check(NativeMethods.mdsl_entries_count(entries), "load");
            for (var i = 0; i < count; i++)
            {
                var key = Marshal.PtrToStringUTF8(NativeError.Check(NativeMethods.mdsl_entries_key(entries, i), "load"))!;
                result[key] = new Tensor(NativeMethods.mdsl_entries_value(entries, i), "load");
            }
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
        finally
        {
            NativeMethods.mdsl_entries_free(entries);
        }
        return result;
    }
}
