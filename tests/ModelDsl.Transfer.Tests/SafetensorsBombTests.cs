using System.Buffers.Binary;
using System.Text;
using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;
using Xunit.Abstractions;

namespace ModelDsl.Transfer.Tests;

/// <summary>Crafted safetensors headers that declare more than the file holds or than the limits allow.</summary>
public class SafetensorsBombTests(ITestOutputHelper output)
{
    [Fact]
    public void A_header_length_of_eight_exabytes_is_refused_before_it_is_allocated()
    {
        var file = Safetensors("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", new byte[8]);
        BinaryPrimitives.WriteUInt64LittleEndian(file, 0x7FFF_FFFF_FFFF_FFFF);

        var error = Refuse("length.safetensors", file);

        Assert.Contains("the safetensors header length 9223372036854775807 does not fit in the", error.Message);
    }

    [Fact]
    public void A_header_longer_than_the_limit_is_refused_naming_the_limit()
    {
        var file = Safetensors("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", new byte[8]);

        var error = Refuse("header.safetensors", file, ReadLimits.Default with { MaxSafetensorsHeaderBytes = 16 });

        Assert.Contains("the safetensors header is 54 bytes, more than the 16 read (raise ReadLimits.MaxSafetensorsHeaderBytes if the file is genuine)", error.Message);
    }

    [Fact]
    public void Tensors_larger_in_total_than_the_limit_are_refused_before_any_is_read()
    {
        var file = Safetensors("""{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"U8","shape":[16],"data_offsets":[16,32]}}""", new byte[32]);

        var error = Refuse("total.safetensors", file, ReadLimits.Default with { MaxTotalTensorBytes = 31 });

        Assert.Contains("the tensors hold 32 bytes, more than the 31 a file may", error.Message);
    }

    [Fact]
    public void A_shape_of_a_hundred_thousand_dimensions_is_refused_before_it_is_built()
    {
        var shape = string.Join(",", Enumerable.Repeat("1", 100_000));
        var file = Safetensors($$$"""{"a":{"dtype":"U8","shape":[{{{shape}}}],"data_offsets":[0,1]}}""", new byte[1]);

        var error = Refuse("rank.safetensors", file);

        Assert.Contains("tensor 'a' has 100000 dimensions, more than the 64 read", error.Message);
    }

    [Fact]
    public void A_header_naming_a_hundred_thousand_tensors_is_checked_in_linear_time()
    {
        // Duplicate names used to be found by scanning every earlier entry: 5 billion comparisons here.
        var entries = Enumerable.Range(0, 100_000).Select(i => $$$"""
            "t{{{i}}}":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}
            """);
        var file = Safetensors("{" + string.Join(",", entries) + ""","t5":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}""", []);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Linear, not small: parsing costs about 20 allocated bytes per header byte (JsonDocument, names, entries),
        // which MaxSafetensorsHeaderBytes bounds.
        var error = Refuse("many.safetensors", file, bound: 192L << 20);

        output.WriteLine($"{watch.Elapsed.TotalSeconds:F2} s");
        Assert.Contains("the safetensors header names tensor 't5' twice", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    private WeightsFormatException Refuse(string name, byte[] file, ReadLimits? limits = null, long bound = BombAssert.DefaultBound) =>
        BombAssert.Refused(output, name, () =>
        {
            using var stream = new MemoryStream(file, writable: false);
            WeightsFile.Read(stream, WeightsFormat.Safetensors, sourceName: name, limits: limits);
        }, bound);

    private static byte[] Safetensors(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)json.Length);
        return [.. prefix, .. json, .. data];
    }
}
