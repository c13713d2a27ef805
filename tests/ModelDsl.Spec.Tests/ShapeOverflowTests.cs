using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Summary;

namespace ModelDsl.Spec.Tests;

/// <summary>
/// Shape arithmetic is checked 64-bit: a dimension that no longer fits an int, or a count or size that no longer
/// fits 64 bits, is MDSL028 at the layer that computed it, never a saturated or wrapped number in a summary.
/// </summary>
public class ShapeOverflowTests
{
    private static void ExpectOverflow(string source, int line, int column, string message)
    {
        var result = SpecCompiler.Compile(source, "t.mdsl");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("MDSL028", d.Id);
        Assert.Equal(SpecSeverity.Error, d.Severity);
        Assert.Equal(message, d.Message);
        Assert.Equal((line, column), (d.Span.Line, d.Span.Column));
        Assert.True(result.HasErrors);
    }

    private static ModelSummary Summary(string source)
    {
        var result = SpecCompiler.Compile(source, "t.mdsl");
        Assert.Empty(result.Diagnostics);
        return ModelSummary.From(result.Models[0].Inference!);
    }

    [Fact]
    public void Flattening_65536x65536_images_is_an_error_at_the_flatten_not_a_saturated_size() => ExpectOverflow(
        "model M(input = 3x65536x65536) {\n  flatten\n  dense(10)\n}\n", 2, 3,
        "Layer 'flatten' (Flatten): the flattened size 3 x 65536 x 65536 = 12,884,901,888 exceeds the largest dimension, 2,147,483,647 (input shape (N, 3, 65536, 65536))");

    [Fact]
    public void The_largest_dimension_is_allowed_and_one_more_is_not()
    {
        // 46340^2 = 2,147,395,600 fits an int; 46341^2 = 2,147,488,281 does not.
        var summary = Summary("model M(input = 1x46340x46340) {\n  flatten\n  dense(64)\n}\n");
        Assert.Equal("(None, 2147395600)", summary.Rows[1].OutputShape!.ToKerasString());
        ExpectOverflow("model M(input = 1x46341x46341) {\n  flatten\n}\n", 2, 3,
            "Layer 'flatten' (Flatten): the flattened size 1 x 46341 x 46341 = 2,147,488,281 exceeds the largest dimension, 2,147,483,647 (input shape (N, 1, 46341, 46341))");
    }

    [Fact]
    public void Mult_adds_beyond_64_bits_are_reported_at_the_convolution() => ExpectOverflow(
        "model M(input = 3x65536x65536) {\n  relu\n  conv2d(2147483647, 1)\n}\n", 3, 3,
        "Layer 'conv2d' (Conv2D): the mult-add count 6442450941 x 65536 x 65536 = 27,670,116,097,679,425,536 exceeds the 64-bit limit, 9,223,372,036,854,775,807 (input shape (N, 3, 65536, 65536))");

    [Fact]
    public void A_model_total_beyond_64_bits_is_reported_at_the_layer_where_it_stops_fitting() => ExpectOverflow(
        // The dense layer's 4.6e18 parameters fit 64 bits; their float32 bytes (torchinfo's Params size) do not.
        "model M(input = 1x46340x46340) {\n  flatten\n  dense(2147483647)\n}\n", 3, 3,
        "Layer 'dense' (Dense): the parameter size in bytes 4611496936787236847 x 4 = 18,445,987,747,148,947,388 exceeds the 64-bit limit, 9,223,372,036,854,775,807 (input shape (N, 2147395600))");

    [Fact]
    public void Padding_that_overflows_a_dimension_is_reported_not_wrapped_to_a_negative_size()
    {
        ExpectOverflow("model M(input = 1x8x8) {\n  zeropad2d(2147483647)\n}\n", 2, 3,
            "Layer 'zero_padding2d' (ZeroPadding2D): the vertical padding 4,294,967,294 exceeds the largest dimension, 2,147,483,647 (input shape (N, 1, 8, 8))");
        ExpectOverflow("model M(input = 1x8x8) {\n  conv2d(4, 3, padding=2147483647)\n}\n", 2, 3,
            "Layer 'conv2d' (Conv2D): the vertical padding 4,294,967,294 exceeds the largest dimension, 2,147,483,647 (input shape (N, 1, 8, 8))");
    }

    [Fact]
    public void Concatenated_channels_beyond_the_largest_dimension_are_reported_at_the_fork() => ExpectOverflow(
        "model M(input = 1x1x1) {\n  fork concat { conv2d(2000000000, 1) } { conv2d(2000000000, 1) }\n}\n", 2, 8,
        "Layer 'concatenate' (Concatenate): the concatenated size 4,000,000,000 exceeds the largest dimension, 2,147,483,647 (input shape (N, 2000000000, 1, 1))");

    [Fact]
    public void An_input_whose_element_count_exceeds_64_bits_is_reported_at_the_input() => ExpectOverflow(
        "model M(input = 2147483647x2147483647x2147483647) {\n  relu\n}\n", 1, 9,
        "Layer 'input' (InputLayer): the element count 2147483647 x 2147483647 x 2147483647 = 9,903,520,300,447,984,150,353,281,023 exceeds the 64-bit limit, 9,223,372,036,854,775,807 (input shape (N, 2147483647, 2147483647, 2147483647))");

    [Fact]
    public void Torchinfo_figures_of_a_65536x65536_model_are_exact_64_bit_numbers()
    {
        var summary = Summary("model M(input = 3x65536x65536) {\n  conv2d(16, 3, stride=2, padding=same)\n  maxpool2d(2)\n  globalavgpool2d\n  dense(10)\n}\n");
        // 3 x 65536^2 x 4 bytes; activations (16 x 32768^2 + 16 x 16384^2 + 16 + 10) x 4 bytes x 2; 432 x 32768^2 mult-adds.
        Assert.Equal(51_539_607_552L, summary.InputBytes);
        Assert.Equal(171_798_692_048L, summary.ForwardBackwardBytes);
        Assert.Equal(463_856_468_128L, summary.MultAdds);
        var lines = TorchinfoSummaryRenderer.Render(summary).Split('\n');
        Assert.Contains("Input size (MB): 51539.61", lines);
        Assert.Contains("Forward/backward pass size (MB): 171798.69", lines);
        Assert.Contains("Estimated Total Size (MB): 223338.30", lines);
        Assert.Contains("Total mult-adds (M): 463856.47", lines);
        Assert.Contains(lines, l => l.StartsWith("├─Conv2d (0)", StringComparison.Ordinal) && l.Contains("[1, 16, 32768, 32768]") && l.EndsWith("463,856,467,968"));
    }

    [Fact]
    public void Keras_totals_of_a_half_terabyte_model_are_exact_and_sized_in_GB()
    {
        var summary = Summary("model M(input = 1x46340x46340) {\n  flatten\n  dense(64)\n}\n");
        // 2,147,395,600 x 64 weights + 64 biases; x 4 bytes = 549,733,273,856 bytes = 511.98 GiB.
        Assert.Equal(137_433_318_464L, summary.KerasTotalParams);
        var keras = KerasSummaryRenderer.Render(summary).Split('\n');
        Assert.Contains("Total params: 137,433,318,464 (511.98 GB)", keras);
        var torch = TorchinfoSummaryRenderer.Render(summary).Split('\n');
        Assert.Contains("Params size (MB): 549733.27", torch);
        Assert.Contains("Forward/backward pass size (MB): 17179.17", torch);
        Assert.Contains("Estimated Total Size (MB): 575502.02", torch);
    }

    [Theory]
    [InlineData(93_322L, "364.54 KB")]
    [InlineData(138_357_544L, "527.79 MB")]
    [InlineData(268_435_456L, "1.00 GB")]
    [InlineData(long.MaxValue, "32768.00 PB")]
    public void Keras_sizes_use_its_units_and_never_wrap(long parameters, string expected)
        => Assert.Equal(expected, KerasSummaryRenderer.Size(parameters));
}
