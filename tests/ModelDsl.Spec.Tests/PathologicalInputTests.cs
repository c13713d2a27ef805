using System.Text;
using ModelDsl.Spec.Language;

namespace ModelDsl.Spec.Tests;

/// <summary>Inputs built to exhaust the stack or the expansion: each gives a located error, never a crash.</summary>
public class PathologicalInputTests
{
    private static void ExpectLocatedError(string text, string id)
    {
        var result = SpecCompiler.Compile(text, "p.mdsl");
        Assert.Contains(result.Diagnostics, d => d.Id == id && d.Span.Line >= 1);
    }

    private static string Repeat(string s, int n) => new StringBuilder().Insert(0, s, n).ToString();

    [Fact]
    public void LongOperatorChains() =>
        ExpectLocatedError("model M(input = 4) { dense(1" + Repeat(" + 1", 100_000) + ") }", "MDSL001");

    [Fact]
    public void ManyNots() =>
        ExpectLocatedError("model M(input = 4) { if " + Repeat("not ", 100_000) + "true { dense(1) } }", "MDSL001");

    [Fact]
    public void ManyMinuses() =>
        ExpectLocatedError("model M(input = 4) { dense(" + Repeat("-", 100_000) + "1) }", "MDSL001");

    [Fact]
    public void DeepParentheses() =>
        ExpectLocatedError("model M(input = 4) { dense(" + Repeat("(", 100_000) + "1" + Repeat(")", 100_000) + ") }", "MDSL001");

    [Fact]
    public void DeepBraces() =>
        ExpectLocatedError("model M(input = 4) { " + Repeat("g: { ", 100_000) + "dense(1)" + Repeat(" }", 100_000) + " }", "MDSL001");

    [Fact]
    public void LongBlockChains()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 2000; i++) sb.Append("block B").Append(i).Append("() { g: { B").Append(i + 1).Append(" } }\n");
        sb.Append("block B2000() { dense(1) }\nmodel M(input = 4) { B0 }\n");
        ExpectLocatedError(sb.ToString(), "MDSL023");
    }

    [Fact]
    public void HugeRepeats() =>
        ExpectLocatedError("model M(input = 4) { repeat 2147483647 { repeat 2147483647 { relu } } }", "MDSL023");
}
