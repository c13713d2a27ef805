using System.Globalization;
using static ModelDsl.Cli.Tests.CliRunner;

namespace ModelDsl.Cli.Tests;

/// <summary><c>modeldsl train</c> on Debian's Fashion-MNIST with small specs the tests write.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    private const string SmallConvNet = """
        model Small(input = 1x28x28, classes = 10) {
          conv2d(16, 3, relu) > maxpool2d(2)
          flatten > dense(64, relu) > dense(classes, softmax)
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("modeldsl-cli-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void TrainsOnASubsetAndPrintsTheTestAccuracyLast()
    {
        var spec = Write("small.mdsl", SmallConvNet);
        var outDir = Path.Combine(_dir, "run");
        var (exit, output, err) = Run("train", spec, "--data", FashionMnist, "--limit", "2000", "--epochs", "2", "--out", outDir);

        Assert.True(exit == CliApp.Success, err);
        Assert.Contains("2,000 training and 10,000 test images of 28x28, 10 classes", output);
        Assert.Contains("Model: \"Small\"", output);
        Assert.Contains("Epoch 2/2", output);
        var last = output.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("test accuracy: ", last);
        var accuracy = double.Parse(last["test accuracy: ".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.6, 1.0); // chance is 0.1
        foreach (var file in new[] { "best.pt", "last.pt", "history.csv", "report.html" })
        {
            Assert.True(new FileInfo(Path.Combine(outDir, file)) is { Exists: true, Length: > 0 }, file + " was not written");
        }
        Assert.Equal(3, File.ReadAllLines(Path.Combine(outDir, "history.csv")).Length); // header + 2 epochs
        var report = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("Small on fashion-mnist", report);
        Assert.Contains("test_accuracy", report);
    }

    [Fact]
    public void ABadSpecPrintsDiagnosticsAndFails()
    {
        var spec = Write("bad.mdsl", "model M(input = 1x28x28) {\n  conv2d(32, 3, relu)\n  dense(10)\n}\n");
        var (exit, output, err) = Run("train", spec, "--data", FashionMnist);
        Assert.Equal(CliApp.SpecErrors, exit);
        Assert.Contains(spec + "(3,3): error MDSL009:", err);
        Assert.DoesNotContain("test accuracy", output);
    }

    [Fact]
    public void AnInputShapeOtherThanTheDataNamesBothShapes()
    {
        var spec = Write("rgb.mdsl", "model Rgb(input = 3x32x32) {\n  flatten > dense(10, softmax)\n}\n");
        var (exit, _, err) = Run("train", spec, "--data", FashionMnist);
        Assert.Equal(CliApp.SpecErrors, exit);
        Assert.Contains($"{spec}: error: model 'Rgb' takes input 3x32x32 but the images in '{FashionMnist}' are 1x28x28", err);
    }

    [Fact]
    public void AnOutputOtherThanTheClassCountIsAnError()
    {
        var spec = Write("five.mdsl", "model Five(input = 1x28x28) {\n  flatten > dense(5, softmax)\n}\n");
        var (exit, _, err) = Run("train", spec, "--data", FashionMnist);
        Assert.Equal(CliApp.SpecErrors, exit);
        Assert.Contains("model 'Five' outputs (5) but", err);
        Assert.Contains("has 10 classes", err);
    }

    [Fact]
    public void AMissingDataDirectoryIsNamed()
    {
        var spec = Write("small.mdsl", SmallConvNet);
        var missing = Path.Combine(_dir, "no-such-data");
        var (exit, _, err) = Run("train", spec, "--data", missing);
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains($"modeldsl: error: Data directory '{missing}' does not exist.", err);
    }

    [Fact]
    public void ADataDirectoryWithoutIdxFilesNamesTheMissingFile()
    {
        var spec = Write("small.mdsl", SmallConvNet);
        var (exit, _, err) = Run("train", spec, "--data", _dir);
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains($"Data directory '{_dir}' has no 'train-images-idx3-ubyte'", err);
    }

    [Fact]
    public void ANonPositiveEpochCountIsAUsageError()
    {
        var spec = Write("small.mdsl", SmallConvNet);
        var (exit, _, err) = Run("train", spec, "--epochs", "0");
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains("--epochs must be a positive whole number", err);
    }
}
