using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ModelDsl.Package.Tests;

/// <summary>
/// A user's own console project with the packages added from the feed: a shape mistake fails <c>dotnet build</c>
/// with MDSL009 at the Dense attribute; once fixed, <c>dotnet run</c> trains a few steps.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ShapeMistakeProjectTests(PackageFeed feed, ITestOutputHelper output)
{
    private readonly CommandLog cli = new(output);

    private const string ModelWithoutFlatten = """
        using ModelDsl;

        namespace ShapeCheck;

        [Model(Input = "1x28x28")]
        [Conv2D(8, 3, Activation.Relu)]
        [MaxPool2D(2)]
        [Dense(10, Activation.Softmax)]
        public partial class Net
        {
        }

        """;

    // Four steps of 64 images; prints the loss so the test can see training happened.
    private const string Program = """
        using ModelDsl.Training;
        using ModelDsl.Training.Data;
        using ShapeCheck;
        using TorchSharp;

        var data = FashionMnist.Load(args.Length > 0 ? args[0] : null, TargetEncoding.OneHot);
        torch.manual_seed(1);
        using var model = new Net();
        Console.WriteLine(Net.SummaryText);
        using var trainer = new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy");
        var history = trainer.Fit(data.Train.Take(256), epochs: 1, batchSize: 64, verbose: 0);
        Console.WriteLine(FormattableString.Invariant($"loss after 4 steps: {history["loss"][0]:F4}"));
        return 0;

        """;

    [Fact]
    public void BuildReportsMdsl009AtTheDenseAttributeAndTheFixedProjectTrains()
    {
        cli.Pack(feed);
        var project = Path.Combine(feed.Root, "ShapeCheck");
        cli.Succeeds(feed.Root, "new", "console", "-n", "ShapeCheck", "-o", project, "--no-restore");
        cli.Succeeds(project, "add", "package", "ModelDsl", "--version", feed.Version, "--no-restore");
        cli.Succeeds(project, "add", "package", "ModelDsl.Training", "--version", feed.Version, "--no-restore");
        cli.Succeeds(project, "add", "package", "libtorch-cpu-linux-x64", "--version", "2.10.0", "--no-restore");
        var modelFile = Path.Combine(project, "Net.cs");
        File.WriteAllText(modelFile, ModelWithoutFlatten);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);

        var build = cli.Run(project, "build", HardLinks);

        Assert.NotEqual(0, build.ExitCode);
        var (line, column) = LineAndColumn(ModelWithoutFlatten, "Dense(10");
        Assert.True(build.Output.Contains(
            $"{modelFile}({line},{column}): error MDSL009: Layer 'dense' (Dense) expects a vector but got input shape (N, 8, 13, 13)",
            StringComparison.Ordinal), build.ToString());

        File.WriteAllText(modelFile, ModelWithoutFlatten.Replace("[Dense(10", "[Flatten]\n[Dense(10", StringComparison.Ordinal));
        var run = cli.Run(project, ["run", HardLinks, "--", .. DataArguments()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Total params: 13,610", run.Output, StringComparison.Ordinal);
        var loss = Regex.Match(run.Output, @"loss after 4 steps: (\S+)");
        Assert.True(loss.Success, run.ToString());
        Assert.True(double.IsFinite(double.Parse(loss.Groups[1].Value, CultureInfo.InvariantCulture)), run.ToString());
    }

    /// <summary>Copy-local libtorch (~600 MB) as hard links into the NuGet cache instead of copies: keeps CI lean.</summary>
    private const string HardLinks = "--property:CreateHardLinksForCopyLocalIfPossible=true";

    private static string[] DataArguments() => PackageFeed.FashionMnistDirectory is { } data ? [data] : [];

    /// <summary>The 1-based line and column where <paramref name="text"/> starts, as the compiler prints them.</summary>
    private static (int Line, int Column) LineAndColumn(string source, string text)
    {
        var index = source.IndexOf(text, StringComparison.Ordinal);
        var before = source[..index];
        return (before.Count(c => c == '\n') + 1, index - before.LastIndexOf('\n'));
    }
}
