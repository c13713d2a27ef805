using System.Buffers.Binary;
using System.Text;
using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

/// <summary>Hostile safetensors headers: byte ranges must tile the data exactly, and sizes must not overflow.</summary>
public class SafetensorsLayoutTests
{
    [Fact]
    public void Overlapping_data_offsets_are_refused()
    {
        var error = ReadError("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12);

        Assert.Contains("tensor 'b' has data_offsets [4, 12] overlapping tensor 'a', which ends at 8", error.Message);
    }

    [Fact]
    public void Two_tensors_aliasing_the_same_bytes_are_refused()
    {
        var error = ReadError("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}""", 8);

        Assert.Contains("tensor 'b' has data_offsets [0, 8] overlapping tensor 'a'", error.Message);
    }

    [Fact]
    public void A_gap_between_tensors_is_refused()
    {
        var error = ReadError("""{"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 20);

        Assert.Contains("tensor 'b' has data_offsets [12, 20] leaving a gap of 4 bytes after tensor 'a'", error.Message);
    }

    [Fact]
    public void A_gap_before_the_first_tensor_is_refused()
    {
        var error = ReadError("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12);

        Assert.Contains("leaving a gap of 4 bytes after the header", error.Message);
    }

    [Fact]
    public void Trailing_bytes_no_tensor_owns_are_refused()
    {
        var error = ReadError("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 12);

        Assert.Contains("the tensors cover 8 data bytes but the file holds 12", error.Message);
    }

    [Fact]
    public void Tensors_listed_out_of_order_and_empty_tensors_still_tile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ok.safetensors");
        WriteRaw(path, """{"b":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},"e":{"dtype":"F32","shape":[0,3],"data_offsets":[8,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""",
            [.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f), .. BitConverter.GetBytes(42L)]);

        var dict = WeightsFile.Read(path);

        Assert.Equal([1.5f, -2f], dict["a"].ToFloat32Array());
        Assert.Equal([42L], dict["b"].ToInt64Array());
        Assert.Equal([0L, 3L], dict["e"].Shape);
    }

    [Theory]
    [InlineData("[4611686018427387904,4]", "F32")] // the element count overflows
    [InlineData("[2305843009213693952]", "F64")] // 2**61 elements × 8 bytes wraps to exactly 0
    public void A_byte_size_beyond_64_bits_is_refused_naming_the_tensor(string shape, string dtype)
    {
        var error = ReadError($$$"""{"huge":{"dtype":"{{{dtype}}}","shape":{{{shape}}},"data_offsets":[0,0]}}""", 0);

        Assert.Contains($"tensor 'huge' of shape {shape.Replace(",", ", ")} would need more than 9223372036854775807 bytes", error.Message);
    }

    [Fact]
    public void A_legal_tensor_beyond_32_bits_is_sized_in_64_bits()
    {
        // 4 TB declared in a tiny file: the header is consistent, the file is just too short.
        var error = ReadError("""{"big":{"dtype":"U8","shape":[65536,65536,1024],"data_offsets":[0,4398046511104]}}""", 0);

        Assert.Contains("truncated: tensor 'big' ends at data byte 4398046511104 but the file holds only 0 data bytes", error.Message);
    }

    [Fact]
    public void A_tensor_larger_than_one_array_opens_but_its_bytes_are_refused_cleanly()
    {
        // A sparse 3 GB file: its header and layout are valid, so names and shapes are listed.
        using var dir = new TempDirectory();
        var path = dir.File("sparse.safetensors");
        const long size = 3L << 30;
        WriteRaw(path, $$$"""{"big":{"dtype":"U8","shape":[{{{size}}}],"data_offsets":[0,{{{size}}}]}}""", []);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length + size);
        }

        using var reader = WeightsFile.Open(path);
        var error = Assert.Throws<WeightsFormatException>(() => reader.ReadStateDict());

        Assert.Equal([size], reader.Tensors[0].Shape);
        Assert.Equal($"{path}: tensor 'big' of shape [{size}] is {size} bytes, larger than the 2 GB a single tensor may have here", error.Message);
    }

    private static WeightsFormatException ReadError(string header, int dataBytes)
    {
        using var dir = new TempDirectory();
        var path = dir.File("hostile.safetensors");
        WriteRaw(path, header, new byte[dataBytes]);

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ": ", error.Message);
        return error;
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)json.Length);
        File.WriteAllBytes(path, [.. prefix, .. json, .. data]);
    }
}
