using Xunit.Abstractions;

namespace ModelDsl.Package.Tests;

/// <summary><c>dotnet new install</c> of the template package, <c>dotnet new modeldsl-classifier</c>, <c>dotnet run</c>.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class TemplateProjectTests(PackageFeed feed, ITestOutputHelper output)
{
    private readonly CommandLog cli = new(output);

    [Fact]
    public void ClassifierTemplateCreatesAProjectThatTrains()
    {
        // A template hive of its own: the machine's installed templates stay as they are.
        var hive = Path.Combine(feed.Root, "template-hive");
        var project = Path.Combine(feed.Root, "FashionClassifier");
        cli.Pack(feed);
        cli.Succeeds(feed.Root, "new", "install", feed.PackagePath("ModelDsl.Templates"), "--debug:custom-hive", hive);
        cli.Succeeds(feed.Root, "new", "modeldsl-classifier", "-n", "FashionClassifier", "-o", project, "--epochs", "1", "--debug:custom-hive", hive);

        Assert.Contains($"<ModelDslVersion>{feed.Version}</ModelDslVersion>", File.ReadAllText(Path.Combine(project, "FashionClassifier.csproj")));
        Assert.Contains("public const int DefaultEpochs = 1;", File.ReadAllText(Path.Combine(project, "TrainOptions.cs")));
        Assert.Contains("namespace FashionClassifier;", File.ReadAllText(Path.Combine(project, "Classifier.cs")));

        string[] dataArguments = PackageFeed.FashionMnistDirectory is { } data ? ["--data", data] : [];
        var run = cli.Run(project, ["run", "--", "--limit", "256", .. dataArguments]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Total params: 121,930", run.Output, StringComparison.Ordinal);
        Assert.Contains("256 training and 256 test images", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Test accuracy: 0\.\d{4}", run.Output);
        Assert.True(File.Exists(Path.Combine(project, "classifier.pt")), run.ToString());
    }
}
