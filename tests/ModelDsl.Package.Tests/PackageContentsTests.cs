using System.IO.Compression;
using System.Xml.Linq;

namespace ModelDsl.Package.Tests;

/// <summary>What the packages hold: the files and metadata a user's build and NuGet rely on.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class PackageContentsTests(PackageFeed feed)
{
    [Fact]
    public void ModelDslBundlesTheLibrariesTheAnalyzersAndTheBuildSteps()
    {
        var entries = Entries(feed.PackagePath("ModelDsl"));

        foreach (var assembly in new[] { "ModelDsl.Abstractions", "ModelDsl.Spec", "ModelDsl.Runtime" })
        {
            Assert.Contains($"lib/net10.0/{assembly}.dll", entries);
            Assert.Contains($"lib/net10.0/{assembly}.xml", entries);
        }
        Assert.Contains("analyzers/dotnet/cs/ModelDsl.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ModelDsl.Generators.CodeFixes.dll", entries);
        foreach (var file in new[] { "ModelDsl.props", "ModelDsl.targets", "ModelDsl.Generators.props", "ModelDsl.Generators.targets", "ModelDsl.Runtime.targets", "WeakenGlibcxxRequirement.cs" })
        {
            Assert.Contains($"buildTransitive/{file}", entries);
        }
        Assert.Contains("README.md", entries);
        // Only the bundled assemblies ship: not the packing project's own, not Roslyn (the compiler provides it).
        Assert.Equal(6, entries.Count(e => e.StartsWith("lib/", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelDslDependsOnTorchSharpOnlyAndCarriesLicenseAndReadme()
    {
        var metadata = Nuspec(feed.PackagePath("ModelDsl"));

        Assert.Equal("ModelDsl", Value(metadata, "id"));
        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Null(metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "icon"));
        var dependency = Assert.Single(Dependencies(metadata));
        Assert.Equal(("TorchSharp", "0.107.0"), (dependency.Id, dependency.Version));
    }

    [Fact]
    public void SymbolPackageHoldsTheBundledAssembliesSymbols()
    {
        var entries = Entries(feed.PackagePath("ModelDsl", ".snupkg"));

        Assert.Equal(
            ["lib/net10.0/ModelDsl.Abstractions.pdb", "lib/net10.0/ModelDsl.Runtime.pdb", "lib/net10.0/ModelDsl.Spec.pdb"],
            entries.Where(e => e.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TrainingDependsOnModelDslOfTheSameVersionWithAllItsAssets()
    {
        var metadata = Nuspec(feed.PackagePath("ModelDsl.Training"));

        var modelDsl = Assert.Single(Dependencies(metadata), d => d.Id == "ModelDsl");
        Assert.Equal(feed.Version, modelDsl.Version);
        // NuGet's default would exclude the dependency's analyzers and build assets: a user adding only
        // ModelDsl.Training would get no generator and no libtorch load step.
        Assert.Null(modelDsl.Exclude);
        Assert.Contains("lib/net10.0/ModelDsl.Training.dll", Entries(feed.PackagePath("ModelDsl.Training")));
    }

    [Fact]
    public void TemplatePackageWritesItsOwnVersionIntoTheProjectItCreates()
    {
        using var zip = ZipFile.OpenRead(feed.PackagePath("ModelDsl.Templates"));
        var project = zip.GetEntry("content/modeldsl-classifier/ModelDslClassifier.csproj");
        Assert.NotNull(project);
        using var reader = new StreamReader(project.Open());
        Assert.Contains($"<ModelDslVersion>{feed.Version}</ModelDslVersion>", reader.ReadToEnd());
        Assert.NotNull(zip.GetEntry("content/modeldsl-classifier/.template.config/template.json"));
        Assert.Equal("Template", Nuspec(feed.PackagePath("ModelDsl.Templates")).Elements().Single(e => e.Name.LocalName == "packageTypes")
            .Elements().Single().Attribute("name")?.Value);
    }

    private static List<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private static XElement Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) =>
        metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static IEnumerable<(string Id, string Version, string? Exclude)> Dependencies(XElement metadata) =>
        metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (e.Attribute("id")!.Value, e.Attribute("version")!.Value, e.Attribute("exclude")?.Value));
}
