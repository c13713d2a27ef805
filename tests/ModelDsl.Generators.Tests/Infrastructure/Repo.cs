namespace ModelDsl.Generators.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (the zoo specs live in src/ModelDsl.Spec/Zoo).</summary>
public static class Repo
{
    /// <summary>The repository root: the nearest ancestor holding ModelDsl.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A zoo spec's path and text, e.g. <c>Zoo("ResNet50")</c>.</summary>
    public static (string Path, string Text) Zoo(string name)
    {
        var path = Path.Combine(Root, "src", "ModelDsl.Spec", "Zoo", name + ".mdsl");
        return ("/specs/" + name + ".mdsl", File.ReadAllText(path));
    }

    /// <summary>A spec of this test project's Specs folder, e.g. <c>TestSpec("NewLayers")</c>.</summary>
    public static (string Path, string Text) TestSpec(string name)
    {
        var path = Path.Combine(Root, "tests", "ModelDsl.Generators.Tests", "Specs", name + ".mdsl");
        return ("/specs/" + name + ".mdsl", File.ReadAllText(path));
    }

    // The output folder may live outside the repository (--artifacts-path), so the source file's folder is searched too.
    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(ThisFile())! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ModelDsl.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("ModelDsl.sln not found above " + AppContext.BaseDirectory + " or " + ThisFile());
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
