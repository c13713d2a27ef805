using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Guards;

public class InputGuardTests
{
    [Fact]
    public void MatchingBatchPasses()
    {
        using var x = zeros(5, 1, 28, 28);
        InputGuard.Check(x, new long[] { 1, 28, 28 }, "Net", "input");
    }

    [Fact]
    public void MismatchNamesModelInputAndBothShapes()
    {
        using var x = zeros(5, 3, 28, 28);
        var e = Assert.Throws<ShapeMismatchException>(() => InputGuard.Check(x, new long[] { 1, 28, 28 }, "Net", "input"));
        Assert.Equal("Net.forward: input 'input' must have shape (N, 1, 28, 28) but got (5, 3, 28, 28). (Parameter 'input')", e.Message);
        Assert.Equal(new long[] { 5, 3, 28, 28 }, e.Actual);
    }

    [Fact]
    public void MissingBatchAxisIsAMismatch()
    {
        using var x = zeros(1, 28, 28);
        Assert.Throws<ShapeMismatchException>(() => InputGuard.Check(x, new long[] { 1, 28, 28 }, "Net", "input"));
    }
}
