using System.Buffers.Binary;
using System.Text;
using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

public class SafetensorsTests
{
    [Fact]
    public void Reads_tensors_and_metadata()
    {
        var dict = WeightsFile.Read(WeightsFixtures.PathOf("small.safetensors"));

        WeightsFixtures.AssertMatches("small.expected.json", dict);
        Assert.Equal("pt", dict.Metadata["format"]);
        Assert.Equal("make_weights_fixtures.py", dict.Metadata["source"]);
    }

    [Fact]
    public void Round_trips_through_our_writer()
    {
        using var dir = new TempDirectory();
        var original = WeightsFile.Read(WeightsFixtures.PathOf("dtypes.pth"));
        var path = dir.File("dtypes.safetensors");

        WeightsFile.Write(path, original);
        var read = WeightsFile.Read(path);

        Assert.Equal(original.Names, read.Names);
        foreach (var tensor in original)
        {
            Assert.Equal(tensor.Type, read[tensor.Name].Type);
            Assert.Equal(tensor.Shape, read[tensor.Name].Shape);
            Assert.Equal(tensor.Data.ToArray(), read[tensor.Name].Data.ToArray());
        }
    }

    [Fact]
    public void The_header_is_padded_to_eight_bytes_and_offsets_are_contiguous()
    {
        using var dir = new TempDirectory();
        var path = dir.File("w.safetensors");
        WeightsFile.Write(path, [TensorData.FromFloats("a", [1f, 2f, 3f], 3), TensorData.FromInt64s("b", [5L], 1)]);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);

        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 12 + 8, bytes.Length);
        Assert.Contains("\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}", header);
        Assert.Contains("\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[12,20]}", header);
    }

    [Fact]
    public void A_truncated_file_names_the_tensor_that_does_not_fit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cut.safetensors");
        var whole = File.ReadAllBytes(WeightsFixtures.PathOf("small.safetensors"));
        File.WriteAllBytes(path, whole[..^4]);

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Contains("truncated: tensor 'steps' ends at data byte", error.Message);
    }

    [Fact]
    public void A_header_length_beyond_the_file_is_refused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, [0xff, 0xff, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}']);

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Contains("header length 65535 does not fit in the 10-byte file", error.Message);
    }

    [Fact]
    public void An_unsupported_dtype_is_named()
    {
        using var dir = new TempDirectory();
        var path = dir.File("fp8.safetensors");
        WriteRaw(path, "{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", [0]);

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Contains("unsupported dtype 'F8_E4M3' of tensor 'x'", error.Message);
    }

    [Fact]
    public void Offsets_that_disagree_with_the_shape_are_refused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("wrong.safetensors");
        WriteRaw(path, "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", [0, 0, 0, 0]);

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Contains("tensor 'x' of shape [2] and dtype F32 needs 8 bytes but its data_offsets span 4", error.Message);
    }

    [Fact]
    public void Python_reads_what_we_write()
    {
        // safetensors is not installed for Debian's Python, so the script parses the layout itself and
        // checks the bytes decode to the same values through torch.frombuffer.
        using var dir = new TempDirectory();
        var path = dir.File("py.safetensors");
        WeightsFile.Write(path, WeightsFile.Read(WeightsFixtures.PathOf("small.safetensors")));

        var output = PyTorch.Run("""
            import json, struct, sys, torch
            data = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', data[:8])[0]
            header = json.loads(data[8:8 + n])
            types = {'F32': torch.float32, 'F16': torch.float16, 'I64': torch.int64}
            for name, e in header.items():
                if name == '__metadata__':
                    print('meta', e['format'])
                    continue
                b, end = e['data_offsets']
                t = torch.frombuffer(bytearray(data[8 + n + b:8 + n + end]), dtype=types[e['dtype']]).reshape(e['shape'])
                print(name, t.float().flatten().tolist())
            """, path);

        Assert.Equal(
            ["meta pt", "conv.weight [0.0, 0.25, 0.5, 0.75, 1.0, 1.25]", "conv.half [1.5, -0.5]", "steps [42.0]"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)json.Length);
        File.WriteAllBytes(path, [.. prefix, .. json, .. data]);
    }
}
