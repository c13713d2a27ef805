using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;
using Xunit.Abstractions;

namespace ModelDsl.Transfer.Tests;

/// <summary>
/// Small crafted <c>.pth</c> files that declare or build gigabytes: each is refused with a
/// <see cref="WeightsFormatException"/> naming the file, while the read allocates a few megabytes at most.
/// </summary>
public class PthBombTests(ITestOutputHelper output)
{
    [Fact]
    public void A_pickle_that_rebuilds_a_dict_from_one_memoized_list_again_and_again_is_refused_by_its_object_count()
    {
        // ~1.9 MB: OrderedDict(pairs) over the same 1,000 pairs 300,000 times would build 300 million entries.
        var p = new HandPickle().Global("collections", "OrderedDict").Put(0).Op('0');
        p.Op(']').Put(1).Op('(');
        for (var i = 0; i < 1000; i++) p.Str($"k{i}").Int(i).Raw(0x86); // TUPLE2
        p.Op('e').Op('0').Get(1).Raw(0x85).Put(2).Op('0'); // APPENDS, then the argument tuple (pairs,)
        for (var i = 0; i < 300_000; i++) p.Raw((byte)'h', 0, (byte)'h', 2, (byte)'R', (byte)'0'); // BINGET, BINGET, REDUCE, POP
        var pickle = p.Op('}').Finish();
        Assert.InRange(pickle.Length, 1_800_000, 2_000_000);

        // Each rebuilt dict is dropped at once, so the objects the default limit lets the pickle build before it
        // is refused (5,000,000, each dict entry counting as a key and a value) are allocated but never resident together.
        var error = Refuse("object-bomb.pth", pickle, bound: 320L << 20);

        Assert.Contains("archive/data.pkl: the pickle builds more than 5000000 objects", error.Message);
        Assert.Contains("raise ReadLimits.MaxPickleObjects if the file is genuine", error.Message);
    }

    [Fact]
    public void A_pickle_that_duplicates_one_list_two_million_times_is_refused_by_its_stack_depth()
    {
        var pickle = new HandPickle().Op(']').Raw(Enumerable.Repeat((byte)'2', 1_900_000).ToArray()).Finish(); // DUP

        var error = Refuse("dup-bomb.pth", pickle);

        Assert.Contains("the pickle nests 100001 values and 0 marks deep", error.Message);
        Assert.Contains("ReadLimits.MaxPickleStackDepth", error.Message);
    }

    [Fact]
    public void A_pickle_of_a_quarter_million_nested_lists_is_read_as_what_it_is_and_refused_as_not_a_state_dict()
    {
        // List inside list inside list ...: deep, but nothing here walks containers recursively.
        var p = new HandPickle().Op(']').Put(0).Op('0');
        for (var i = 0; i < 250_000; i++) p.Op(']').Get(0).Op('a').Put(0).Op('0');
        var pickle = p.Get(0).Finish();

        var error = Refuse("nested.pth", pickle);

        Assert.Contains("the top level holds a value of type list, not a dict of tensors; the file holds no dict of tensors", error.Message);
    }

    [Fact]
    public void A_memo_flood_is_refused_by_the_memo_limit()
    {
        var pickle = new HandPickle().Op('N').Raw(Enumerable.Repeat((byte)0x94, 1_100_000).ToArray()).Finish(); // MEMOIZE

        var error = Refuse("memo-bomb.pth", pickle, bound: 128L << 20);

        Assert.Contains("the pickle memoizes more than 1000000 values", error.Message);
    }

    [Fact]
    public void One_dict_referenced_from_every_key_of_eight_levels_does_not_explode_the_message()
    {
        // 50 keys per level, 8 levels, all the same dict below: 50**8 paths lead to the one dict of tensors.
        var p = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", 2, [2], [1]).Op('u').Put(0).Op('0');
        for (var level = 1; level <= 8; level++)
        {
            p.Op('}').Op('(');
            for (var key = 0; key < 50; key++) p.Str($"a{key}").Get(level - 1);
            p.Op('u').Put(level).Op('0');
        }
        var pickle = p.Get(8).Finish();

        var error = Refuse("dag.pth", pickle, storages: [("0", new byte[8])]);

        Assert.Contains("the top level is not a state dict: entry 'a0' is of type dict, not a tensor; dicts of tensors are at key path 'a0/a0/a0/a0/a0/a0/a0/a0'", error.Message);
    }

    [Fact]
    public void Module_metadata_that_references_one_long_dict_from_every_module_is_refused()
    {
        // 20,000 modules share one dict of 1,000 fields, each a memoized 1,000-character string: 20 billion characters.
        var p = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", 2, [2], [1]).Op('u');
        p.Str(new string('x', 1000)).Put(0).Op('0');
        p.Op('}').Op('(');
        for (var i = 0; i < 1000; i++) p.Str($"k{i}").Get(0);
        p.Op('u').Put(1).Op('0');
        p.Op('}').Op('(').Str("_metadata").OrderedDict().Op('(');
        for (var i = 0; i < 20_000; i++) p.Str($"m{i}").Get(1);
        var pickle = p.Op('u').Op('u').Op('b').Finish();

        var error = Refuse("metadata-bomb.pth", pickle, storages: [("0", new byte[8])], bound: 160L << 20);

        Assert.Contains("the state dict's _metadata spells out more than", error.Message);
    }

    [Fact]
    public void Tiny_storages_that_declare_two_gigabytes_each_are_refused_before_any_storage_is_read()
    {
        const int elements = 500_000_000; // 2 GB of float32 per tensor, over 4 stored bytes each
        var p = new HandPickle().OrderedDict().Op('(');
        for (var i = 0; i < 10; i++) p.Str($"t{i}").FloatTensor($"{i}", elements, [elements], [1]);
        var pickle = p.Op('u').Finish();
        var storages = Enumerable.Range(0, 10).Select(i => ($"{i}", new byte[4])).ToArray();

        var error = Refuse("declared.pth", pickle, storages: storages);

        Assert.Contains("the tensors declare 20000000000 bytes but the storages they view hold only 40: views would repeat stored bytes into 19999999960 more, above the 268435456 allowed", error.Message);
        Assert.Contains("ReadLimits.MaxViewExpansionBytes", error.Message);
    }

    [Fact]
    public void A_stride_zero_view_that_repeats_one_float_into_a_gigabyte_is_refused_before_any_allocation()
    {
        var pickle = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", 1, [1 << 28], [0]).Op('u').Finish();

        var error = Refuse("expanded.pth", pickle, storages: [("0", BitConverter.GetBytes(3f))]);

        Assert.Contains("the tensors declare 1073741824 bytes but the storages they view hold only 4", error.Message);
    }

    [Fact]
    public void A_small_stride_zero_view_reads_as_the_repeated_value()
    {
        var pickle = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", 1, [1000, 3], [0, 0]).Op('u').Finish();
        using var stream = HandPickle.Pth(pickle, ("0", BitConverter.GetBytes(3f)));

        var dict = WeightsFile.Read(stream, WeightsFormat.Pth);

        Assert.Equal([1000L, 3], dict["w"].Shape);
        Assert.All(dict["w"].ToFloat32Array(), v => Assert.Equal(3f, v));
    }

    [Fact]
    public void The_view_allowance_can_be_lowered_to_refuse_tied_weights()
    {
        // Two contiguous views of one storage (tied weights): 8 bytes stored, 16 declared.
        var pickle = new HandPickle().OrderedDict().Op('(')
            .Str("a").FloatTensor("0", 2, [2], [1]).Str("b").FloatTensor("0", 2, [2], [1]).Op('u').Finish();

        var tied = Read(pickle, ReadLimits.Default, ("0", new byte[8]));
        var error = Refuse("tied.pth", pickle, storages: [("0", new byte[8])], limits: ReadLimits.Default with { MaxViewExpansionBytes = 7 });

        Assert.Equal(2, tied.Count);
        Assert.Contains("views would repeat stored bytes into 8 more, above the 7 allowed", error.Message);
    }

    [Fact]
    public void A_view_whose_last_element_overflows_64_bits_is_refused_as_such()
    {
        var pickle = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", p => p.Int(1), p => p.Int(0),
            p => p.Int(3), p => p.Long1(0, 0, 0, 0, 0, 0, 0, 0x40)).Op('u').Finish(); // stride 2**62, 3 rows

        var error = Refuse("overflow.pth", pickle, storages: [("0", new byte[4])]);

        Assert.Contains("_rebuild_tensor_v2: a view of size [3], stride [4611686018427387904] and offset 0 does not fit in 64-bit arithmetic", error.Message);
    }

    [Fact]
    public void A_zip_directory_that_claims_two_gigabytes_for_a_small_record_is_refused_before_allocating_them()
    {
        var bytes = SmallPth().ToArray();
        PatchCentralSizes(bytes, "archive/data/0", compressed: 0x7FFF_FFF0, uncompressed: 0x7FFF_FFF0);

        var error = RefuseFile("directory.pth", bytes);

        Assert.Contains($"record 'archive/data/0' claims 2147483632 stored bytes but the whole file has {bytes.Length}", error.Message);
    }

    [Fact]
    public void A_stored_record_whose_directory_claims_a_larger_expanded_size_is_refused_by_the_ratio()
    {
        var bytes = SmallPth().ToArray();
        PatchCentralSizes(bytes, "archive/data/0", compressed: null, uncompressed: 0x7FFF_FFF0);

        var error = RefuseFile("ratio.pth", bytes);

        Assert.Contains("record 'archive/data/0' would expand from 8 compressed bytes to 2147483632, more than the 100x a compressed entry may", error.Message);
    }

    [Fact]
    public void A_deflated_record_of_32_megabytes_of_zeros_is_refused_by_the_compression_ratio()
    {
        const int elements = 8 << 20;
        var pickle = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", elements, [elements], [1]).Op('u').Finish();
        using var stream = HandPickle.Pth(pickle, CompressionLevel.SmallestSize, ("0", new byte[elements * 4]));

        var error = RefuseFile("deflate-bomb.pth", stream.ToArray());

        Assert.Matches(@"record 'archive/data/0' would expand from \d+ compressed bytes to 33554432, more than the 100x a compressed entry may", error.Message);
        Assert.Contains("ReadLimits.MaxCompressionRatio", error.Message);
    }

    [Fact]
    public void A_deflated_record_within_the_ratio_reads()
    {
        var values = Enumerable.Range(0, 50_000).Select(i => MathF.Sin(i)).ToArray();
        var pickle = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", values.Length, [values.Length], [1]).Op('u').Finish();
        using var stream = HandPickle.Pth(pickle, CompressionLevel.Optimal, ("0", values.SelectMany(BitConverter.GetBytes).ToArray()));

        var dict = WeightsFile.Read(stream, WeightsFormat.Pth);

        Assert.Equal(values, dict["w"].ToFloat32Array());
    }

    [Fact]
    public void Keys_one_and_quote_one_are_refused_as_two_tensors_of_the_same_name()
    {
        var pickle = new HandPickle().OrderedDict().Op('(')
            .Int(1).FloatTensor("0", 2, [2], [1]).Str("1").FloatTensor("0", 2, [2], [1]).Op('u').Finish();

        var error = Refuse("names.pth", pickle, storages: [("0", new byte[8])]);

        Assert.Contains("the state dict has two tensors named '1'", error.Message);
    }

    [Fact]
    public void A_storage_whose_id_declares_another_size_than_its_record_is_refused_when_read()
    {
        var pickle = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", 3, [2], [1]).Op('u').Finish();
        using var stream = HandPickle.Pth(pickle, ("0", new byte[8]));
        using var reader = WeightsFile.Open(stream, WeightsFormat.Pth, sourceName: "numel.pth");

        var error = Assert.Throws<WeightsFormatException>(() => reader.ReadStateDict());

        Assert.Equal("numel.pth: storage '0' is declared with 3 Float32 elements but its record holds 2 (a corrupt or crafted file)", error.Message);
    }

    private WeightsFormatException Refuse(string name, byte[] pickle, long bound = BombAssert.DefaultBound, ReadLimits? limits = null,
        (string Key, byte[] Bytes)[]? storages = null)
    {
        using var stream = HandPickle.Pth(pickle, storages ?? []);
        return RefuseFile(name, stream.ToArray(), bound, limits);
    }

    private WeightsFormatException RefuseFile(string name, byte[] file, long bound = BombAssert.DefaultBound, ReadLimits? limits = null) =>
        BombAssert.Refused(output, name, () =>
        {
            using var stream = new MemoryStream(file, writable: false);
            WeightsFile.Read(stream, WeightsFormat.Pth, sourceName: name, limits: limits);
        }, bound);

    private static StateDict Read(byte[] pickle, ReadLimits limits, params (string Key, byte[] Bytes)[] storages)
    {
        using var stream = HandPickle.Pth(pickle, storages);
        return WeightsFile.Read(stream, WeightsFormat.Pth, limits: limits);
    }

    /// <summary>A valid file: one float tensor of two elements in storage '0'.</summary>
    private static MemoryStream SmallPth() =>
        HandPickle.Pth(new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", 2, [2], [1]).Op('u').Finish(), ("0", new byte[8]));

    /// <summary>Rewrites the sizes the zip's central directory records for one entry (local headers are left alone).</summary>
    private static void PatchCentralSizes(byte[] zip, string entry, uint? compressed, uint? uncompressed)
    {
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 + name.Length <= zip.Length; i++)
        {
            // Central directory file header: signature PK\1\2, sizes at 20 and 24, name length at 28, name at 46.
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) != 0x02014b50) continue;
            if (BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28)) != name.Length || !zip.AsSpan(i + 46, name.Length).SequenceEqual(name)) continue;
            if (compressed is { } c) BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 20), c);
            if (uncompressed is { } u) BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), u);
            return;
        }
        throw new InvalidOperationException($"no central directory entry '{entry}'");
    }
}
