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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelDsl.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ModelDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
