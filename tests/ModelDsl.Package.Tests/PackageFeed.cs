namespace ModelDsl.Package.Tests;

/// <summary>
/// Packs ModelDsl, ModelDsl.Training and ModelDsl.Templates once for all tests into a local folder feed, in a
/// temporary directory outside the repository where the user projects are created too. The version is new on
/// every run, so NuGet's global packages folder never serves a copy restored by an earlier run; that version's
/// copies there are deleted afterwards with the directory. TorchSharp and libtorch come from the global packages
/// folder as for any project on this machine (nothing is downloaded again).
/// </summary>
public sealed class PackageFeed : IDisposable
{
    /// <summary>The projects packed, relative to the repository root.</summary>
    private static readonly string[] PackedProjects =
    [
        "src/ModelDsl/ModelDsl.Package.csproj",
        "src/ModelDsl.Training/ModelDsl.Training.csproj",
        "templates/ModelDsl.Templates/ModelDsl.Templates.csproj",
    ];

    /// <summary>Packs the packages (see the class remarks).</summary>
    /// <exception cref="InvalidOperationException">A pack failed; the message holds its output.</exception>
    public PackageFeed()
    {
        Version = $"{BuildInfo.VersionPrefix}-t{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Root = Path.Combine(Path.GetTempPath(), $"modeldsl-package-tests-{Guid.NewGuid():N}");
        if (Root.StartsWith(BuildInfo.RepoRoot, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The temporary directory {Root} lies inside the repository; the user projects must not see its Directory.Build files.");
        }
        FeedDirectory = Path.Combine(Root, "feed");
        Directory.CreateDirectory(FeedDirectory);
        // Empty Directory.Build/Packages files end MSBuild's upward search here: nothing of /tmp's parents applies.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(Root, name), "<Project />\n");
        }
        // The local feed joins the sources of the machine's own NuGet configuration (no <clear />).
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="modeldsl-local" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        PackAll();
    }

    /// <summary>The pack command, for its duration.</summary>
    internal CommandResult PackResult { get; private set; } = null!;

    /// <summary>The version of every package of this run.</summary>
    public string Version { get; }

    /// <summary>The temporary directory: the feed, nuget.config and the user projects.</summary>
    public string Root { get; }

    /// <summary>The local folder feed.</summary>
    public string FeedDirectory { get; }

    /// <summary>The path of a package of this run in the feed.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(FeedDirectory, $"{id}.{Version}{extension}");

    /// <summary>Debian's Fashion-MNIST when installed (CI installs it), else null: the programs then find or download it.</summary>
    public static string? FashionMnistDirectory =>
        Directory.Exists("/usr/share/datasets/fashion-mnist") ? "/usr/share/datasets/fashion-mnist" : null;

    /// <inheritdoc />
    public void Dispose()
    {
        TryDelete(Root);
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "modeldsl", "modeldsl.training" })
        {
            var idDirectory = Path.Combine(globalPackages, id);
            TryDelete(Path.Combine(idDirectory, Version.ToLowerInvariant()));
            if (Directory.Exists(idDirectory) && !Directory.EnumerateFileSystemEntries(idDirectory).Any()) TryDelete(idDirectory);
        }
    }

    /// <summary>One <c>dotnet pack</c> of a solution listing the projects (one MSBuild start instead of three).</summary>
    private void PackAll()
    {
        var solution = Path.Combine(Root, "packages.slnx");
        File.WriteAllLines(solution,
        [
            "<Solution>",
            .. PackedProjects.Select(p => $"  <Project Path=\"{Path.Combine(BuildInfo.RepoRoot, p)}\" />"),
            "</Solution>",
        ]);
        var args = new List<string>
        {
            "pack", solution, "-c", BuildInfo.Configuration, "--no-build",
            $"-p:Version={Version}", $"-p:PackageOutputPath={FeedDirectory}", "-nologo",
        };
        if (BuildInfo.ArtifactsPath is { Length: > 0 } artifacts) args.AddRange(["--artifacts-path", artifacts]);
        PackResult = DotnetCli.Run(Root, [.. args]);
        if (PackResult.ExitCode != 0) throw new InvalidOperationException($"Packing failed:\n{PackResult}");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; the next run uses new names.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The tests share one feed and run one after another (each builds a project on a busy machine).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Package feed";
}
