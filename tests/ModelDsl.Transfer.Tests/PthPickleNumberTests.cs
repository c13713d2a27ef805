using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

/// <summary>Numbers in hand-built pickles: encodings PyTorch or Python may choose that our writer never emits.</summary>
public class PthPickleNumberTests
{
    private static readonly float[] Values = Enumerable.Range(0, 300).Select(i => i * 0.5f).ToArray();

    [Fact]
    public void Long1_ints_decode_as_little_endian_twos_complement()
    {
        var pickle = StateDict(
            p => p.Long1(0x2c, 0x01), // numel 300, as the storage holds
            p => p.Long1(), // offset 0: LONG1 with no bytes, as Python encodes zero
            p => p.Long1(0x2c, 0x01), // size 300
            p => p.Long1(0x01), // stride 1
            fields: p => p
                .Str("minus_one").Long1(0xff)
                .Str("minus_256").Long1(0x00, 0xff)
                .Str("two_pow_31_plus_5").Long1(0x05, 0x00, 0x00, 0x80, 0x00)
                .Str("min_int64").Long1(0, 0, 0, 0, 0, 0, 0, 0x80)
                .Str("two_pow_63").Long1(0, 0, 0, 0, 0, 0, 0, 0x80, 0x00));

        var dict = Read(pickle, Storage(Values));

        Assert.Equal([300L], dict["w"].Shape);
        Assert.Equal(Values, dict["w"].ToFloat32Array());
        Assert.Equal(
            "minus_one=-1,minus_256=-256,two_pow_31_plus_5=2147483653,min_int64=-9223372036854775808,two_pow_63=9223372036854775808",
            dict.Metadata["layer"]);
    }

    [Fact]
    public void Text_floats_and_ints_of_protocol_0_are_read()
    {
        var pickle = StateDict(Int(300), Int(0), Int(300), Int(1), fields: p => p
            .Str("half").Line('F', "1.5")
            .Str("big").Line('F', "1e+300")
            .Str("inf").Line('F', "inf")
            .Str("minus_inf").Line('F', "-inf")
            .Str("count").Line('I', "-12")
            .Str("huge").Line('L', "123456789012345678901234567890L"));

        var dict = Read(pickle, Storage(Values));

        Assert.Equal("half=1.5,big=1E+300,inf=Infinity,minus_inf=-Infinity,count=-12,huge=123456789012345678901234567890", dict.Metadata["layer"]);
    }

    [Theory]
    [InlineData('F', "abc", "FLOAT opcode with non-numeric text 'abc'")]
    [InlineData('F', "", "FLOAT opcode with non-numeric text ''")]
    [InlineData('F', "1.5.5", "FLOAT opcode with non-numeric text '1.5.5'")]
    [InlineData('I', "12x", "INT/LONG opcode with non-integer text '12x'")]
    public void Non_numeric_text_numbers_are_a_weights_format_error(char opcode, string text, string expected)
    {
        var pickle = StateDict(Int(300), Int(0), Int(300), Int(1), fields: p => p.Str("bad").Line(opcode, text));

        var error = Assert.Throws<WeightsFormatException>(() => Read(pickle, Storage(Values), "bad.pth"));

        Assert.StartsWith("bad.pth: archive/data.pkl: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_repeating_view_too_large_for_memory_is_refused_not_overflowed()
    {
        // Stride 0 repeats one stored float 2**40 times: legal in PyTorch (an expanded view), but 4 TB here.
        var pickle = StateDict(Int(1), Int(0), p => p.Long1(0, 0, 0, 0, 0x00, 0x01), Int(0), fields: _ => { });

        var error = Assert.Throws<WeightsFormatException>(() => Read(pickle, Storage([3f]), "expand.pth"));

        Assert.StartsWith("expand.pth: tensor 'w' of shape [1099511627776] has 1099511627776 elements", error.Message);
    }

    private static Action<HandPickle> Int(int value) => p => p.Raw((byte)'M', (byte)value, (byte)(value >> 8)); // BININT2

    private static byte[] Storage(float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static StateDict Read(byte[] pickle, byte[] storage, string name = "hand.pth")
    {
        using var stream = HandPickle.Pth(pickle, ("0", storage));
        return WeightsFile.Read(stream, WeightsFormat.Pth, sourceName: name);
    }

    /// <summary>
    /// OrderedDict {'w': one float tensor} whose <c>_metadata</c> holds module 'layer' with the given fields,
    /// the way a real state dict carries module versions.
    /// </summary>
    private static byte[] StateDict(Action<HandPickle> numel, Action<HandPickle> offset, Action<HandPickle> size, Action<HandPickle> stride, Action<HandPickle> fields)
    {
        var p = new HandPickle().OrderedDict().Op('(').Str("w").FloatTensor("0", numel, offset, size, stride).Op('u');
        p.Op('}').Op('(').Str("_metadata").OrderedDict().Op('(').Str("layer").Op('}').Op('(');
        fields(p);
        return p.Op('u').Op('u').Op('u').Op('b').Finish();
    }
}
