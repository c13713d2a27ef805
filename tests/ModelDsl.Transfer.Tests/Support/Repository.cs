using System.Runtime.CompilerServices;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>Paths in the repository the tests were built from.</summary>
internal static class Repository
{
    /// <summary>
    /// The folder holding ModelDsl.sln, found upwards from this source file (the binaries may sit outside the
    /// repository when built with an artifacts path), else from the test binaries.
    /// </summary>
    public static string Root() => Find(SourceDirectory()) ?? Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Repository root (the folder with ModelDsl.sln) not found.");

    private static string? Find(string? dir)
    {
        while (dir is not null && !File.Exists(Path.Combine(dir, "ModelDsl.sln"))) dir = Path.GetDirectoryName(dir);
        return dir;
    }

    private static string? SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file);
}
