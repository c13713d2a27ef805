using System.Reflection;

namespace ModelDsl.LanguageServer.Tests;

/// <summary>Paths the build recorded in this assembly (the repository root, the generator DLL).</summary>
internal static class BuildPaths
{
    public static string RepoRoot => Metadata("RepoRoot");

    public static string GeneratorAssembly => Metadata("ModelDslGeneratorAssembly");

    private static string Metadata(string key)
    {
        var value = typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
        Assert.False(string.IsNullOrEmpty(value), "the build did not record " + key);
        return value!;
    }
}
