using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

/// <summary>Storages are stored uncompressed, so only the zip's CRC-32 tells an altered storage from a real one.</summary>
public class PthIntegrityTests
{
    [Fact]
    public void An_altered_storage_fails_its_crc_check_naming_the_file_and_the_entry()
    {
        using var dir = new TempDirectory();
        var path = dir.File("altered.pth");
        var values = Enumerable.Range(0, 13).Select(i => 1000f + i).ToArray();
        WeightsFile.Write(path, [TensorData.FromFloats("w", values, 13)]);
        var bytes = File.ReadAllBytes(path);
        var at = IndexOf(bytes, BitConverter.GetBytes(1005f));
        bytes[at] ^= 0x01; // one bit of one weight: still a float, so only the checksum can notice
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ": record 'archive/data/0' is corrupt", error.Message);
        Assert.Contains("CRC-32", error.Message);
    }

    [Fact]
    public void An_altered_storage_is_refused_when_read_lazily_too()
    {
        using var dir = new TempDirectory();
        var path = dir.File("lazy.pth");
        WeightsFile.Write(path, [TensorData.FromFloats("a", [1f, 2f], 2), TensorData.FromFloats("b", [7f, 8f, 9f], 3)]);
        var bytes = File.ReadAllBytes(path);
        bytes[IndexOf(bytes, BitConverter.GetBytes(8f)) + 3] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        using var reader = WeightsFile.Open(path);
        var a = reader.ReadTensors(t => t.Name == "a").Single();
        var error = Assert.Throws<WeightsFormatException>(() => reader.ReadTensors(t => t.Name == "b").ToList());

        Assert.Equal([1f, 2f], a.ToFloat32Array());
        Assert.Contains("record 'archive/data/1' is corrupt", error.Message);
    }

    [Fact]
    public void Intact_storages_of_every_length_pass_the_crc_check()
    {
        // Lengths around the 8-byte step of the checksum loop, so both its paths are compared with zip's own CRC.
        using var dir = new TempDirectory();
        var path = dir.File("intact.pth");
        var tensors = Enumerable.Range(0, 12).Select(n => new TensorData($"t{n}", ScalarType.Byte, [n],
            Enumerable.Range(0, n).Select(i => (byte)(i * 37 + n)).ToArray())).ToList();
        WeightsFile.Write(path, tensors);

        var read = WeightsFile.Read(path);

        foreach (var tensor in tensors) Assert.Equal(tensor.Data.ToArray(), read[tensor.Name].Data.ToArray());
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }
        throw new InvalidOperationException("pattern not found in the written file");
    }
}
