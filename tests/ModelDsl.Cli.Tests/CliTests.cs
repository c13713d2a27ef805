using static ModelDsl.Cli.Tests.CliRunner;

namespace ModelDsl.Cli.Tests;

/// <summary><c>check</c> and <c>summary</c>, run in-process with captured output.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modeldsl-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void CheckPrintsMsBuildDiagnosticsAndFails()
    {
        var bad = Write("bad.mdsl", "model M(input = 1x28x28) {\n  conv2d(32, 3, relu)\n  dense(10)\n}\n");
        var (exit, output, _) = Run("check", bad);
        Assert.Equal(CliApp.SpecErrors, exit);
        Assert.Equal(bad + "(3,3): error MDSL009: Layer 'dense' (Dense) expects a vector but got input shape (N, 32, 26, 26); insert flatten or globalavgpool2d before it\n", output);
    }

    [Fact]
    public void CheckOfCleanFilesSucceedsQuietly()
    {
        var good = Write("good.mdsl", "model M(input = 1x28x28) {\n  conv2d(8, 3, relu) > flatten > dense(10, softmax)\n}\n");
        var (exit, output, err) = Run("check", good, "zoo:ResNet50");
        Assert.Equal(CliApp.Success, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("2 file(s) checked: 0 error(s), 0 warning(s)", err);
    }

    [Fact]
    public void CheckReportsEveryFile()
    {
        var a = Write("a.mdsl", "model A(input = 4) {\n  dense(0)\n}\n");
        var b = Write("b.mdsl", "model B(input = 4) {\n  dense(2\n");
        var (exit, output, _) = Run("check", a, b);
        Assert.Equal(CliApp.SpecErrors, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(a + "(2,9): error MDSL003:", lines[0]);
        Assert.StartsWith(b + "(3,1): error MDSL001:", lines[1]);
    }

    [Fact]
    public void WarningsDoNotFailTheCheck()
    {
        var warn = Write("w.mdsl", "model W(input = 4) {\n  dense(4, softmax) > dense(2)\n}\n");
        var (exit, output, _) = Run("check", warn);
        Assert.Equal(CliApp.Success, exit);
        Assert.StartsWith(warn + "(2,3): warning MDSL012:", output);
    }

    [Fact]
    public void MissingFileIsAUsageError()
    {
        var (exit, _, err) = Run("check", Path.Combine(_dir, "nope.mdsl"));
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains("cannot read", err);
    }

    [Fact]
    public void SummaryPrintsTheKerasTableByDefault()
    {
        var (exit, output, _) = Run("summary", "zoo:MnistConvNet");
        Assert.Equal(CliApp.Success, exit);
        Assert.StartsWith("Model: \"MnistConvNet\"\n", output);
        Assert.Contains("Total params: 93,322 (364.54 KB)", output);
    }

    [Fact]
    public void SummaryTorchinfoStyle()
    {
        var (exit, output, _) = Run("summary", "zoo:VGG16", "--style", "torchinfo");
        Assert.Equal(CliApp.Success, exit);
        Assert.Contains("Total params: 138,357,544", output);
        Assert.Contains("\u251c\u2500Sequential (classifier)", output);
        Assert.Contains("\u2502    \u251c\u2500Linear (6)", output);
    }

    [Fact]
    public void SummaryPicksAModelAndAppliesOverrides()
    {
        var file = Write("two.mdsl", "model A(input = 4) { dense(2) }\nmodel B(input = 1x8x8, classes = 3) { flatten > dense(classes) }\n");
        var (exit, output, _) = Run("summary", file, "--model", "B", "--set", "classes=5");
        Assert.Equal(CliApp.Success, exit);
        Assert.Contains("Model: \"B\"", output);
        Assert.Contains("(None, 5)", output);
        Assert.Contains("Total params: 325 ", output);
    }

    [Fact]
    public void SummaryOfAnUnknownModelFails()
    {
        var file = Write("one.mdsl", "model A(input = 4) { dense(2) }\n");
        var (exit, _, err) = Run("summary", file, "--model", "Z");
        Assert.Equal(CliApp.SpecErrors, exit);
        Assert.Contains("error MDSL024: Model 'Z' is not defined (available: A)", err);
    }

    [Fact]
    public void BadStyleIsAUsageError()
    {
        var (exit, _, err) = Run("summary", "zoo:VGG16", "--style", "pretty");
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains("pretty", err);
    }
}
