using System.IO.Compression;
using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

/// <summary>Damaged pickles must end in a <see cref="WeightsFormatException"/>, never another exception or a crash.</summary>
public class PthFuzzTests
{
    [Fact]
    public void Every_truncation_and_byte_flip_of_data_pkl_is_read_or_refused_cleanly()
    {
        var records = ReadRecords(WeightsFixtures.PathOf("small_net.pth"));
        var pickle = records["small_net/data.pkl"];
        const string name = "damaged.pth";
        var refused = 0;
        var variants = 0;

        for (var i = 0; i < pickle.Length; i++)
        {
            foreach (var damaged in new[] { pickle[..i], Flip(pickle, i, 0x5a), Flip(pickle, i, 0xff) })
            {
                records["small_net/data.pkl"] = damaged;
                using var stream = Zip(records);
                variants++;
                try
                {
                    WeightsFile.Read(stream, WeightsFormat.Pth, sourceName: name);
                }
                catch (WeightsFormatException e)
                {
                    Assert.StartsWith(name, e.Message);
                    refused++;
                }
            }
        }

        // Most damage is caught; a flip inside a float value or a name still reads, which is fine.
        Assert.InRange(refused, variants / 2, variants);
    }

    [Fact]
    public void Damaged_storage_ids_and_shapes_are_refused_cleanly()
    {
        var records = ReadRecords(WeightsFixtures.PathOf("views.pth"));
        var original = records["views/data.pkl"];
        var refused = 0;

        // BININT1 arguments are shape, stride and offset values: make them large to reach past the storage.
        for (var i = 0; i + 1 < original.Length; i++)
        {
            if (original[i] != (byte)'K') continue;
            records["views/data.pkl"] = Flip(original, i + 1, 0xf0);
            using var stream = Zip(records);
            try
            {
                WeightsFile.Read(stream, WeightsFormat.Pth);
            }
            catch (WeightsFormatException)
            {
                refused++;
            }
        }

        Assert.True(refused > 0);
    }

    private static byte[] Flip(byte[] bytes, int index, byte mask)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= mask;
        return copy;
    }

    private static Dictionary<string, byte[]> ReadRecords(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static MemoryStream Zip(Dictionary<string, byte[]> records)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in records)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stream.Write(bytes);
            }
        }
        memory.Position = 0;
        return memory;
    }
}
