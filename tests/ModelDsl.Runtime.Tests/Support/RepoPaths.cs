namespace ModelDsl.Runtime.Tests.Support;

/// <summary>Paths of committed fixtures.</summary>
internal static class RepoPaths
{
    /// <summary>A fixture copied beside the test assembly.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>torchvision's state_dict keys and shapes (tests/ModelDsl.Spec.Tests/Fixtures, copied beside the test assembly).</summary>
    public static string TorchvisionKeys(string file) => Fixture(file);
}
