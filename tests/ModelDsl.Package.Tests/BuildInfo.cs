using System.Reflection;

namespace ModelDsl.Package.Tests;

/// <summary>How this test assembly's build was done (AssemblyMetadata written by the project file).</summary>
internal static class BuildInfo
{
    public static string RepoRoot => Get("ModelDsl.RepoRoot")!;

    public static string Configuration => Get("ModelDsl.Configuration")!;

    public static string VersionPrefix => Get("ModelDsl.VersionPrefix")!;

    /// <summary>The --artifacts-path of the build, or null for the default bin/obj layout.</summary>
    public static string? ArtifactsPath => Get("ModelDsl.ArtifactsPath");

    private static string? Get(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
