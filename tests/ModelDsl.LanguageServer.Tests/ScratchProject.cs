using System.Security;

namespace ModelDsl.LanguageServer.Tests;

/// <summary>
/// A user's C# project in a temporary folder outside the repository (no Directory.Build.props of ours applies):
/// ModelDsl's attributes, spec library and runtime by DLL reference, the generator/analyzer DLL as an Analyzer,
/// TorchSharp by DLL. Restored, so an MSBuild workspace can load it.
/// </summary>
internal sealed class ScratchProject : IDisposable
{
    private ScratchProject(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>The file:// URI of one of the project's source files.</summary>
    public string Uri(string fileName) => new System.Uri(Path.Combine(Directory, fileName)).AbsoluteUri;

    /// <summary>Creates the project with <paramref name="sources"/> (file name, C# text) and restores it.</summary>
    public static ScratchProject Create(params (string FileName, string Text)[] sources)
    {
        var directory = Path.Combine(Path.GetTempPath(), "modeldsl-scratch-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var output = AppContext.BaseDirectory;
        string Reference(string name) =>
            "    <Reference Include=\"" + name + "\"><HintPath>" + SecurityElement.Escape(Path.Combine(output, name + ".dll")) + "</HintPath></Reference>\n";
        File.WriteAllText(Path.Combine(directory, "Scratch.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n" +
            "  <PropertyGroup>\n" +
            "    <TargetFramework>net10.0</TargetFramework>\n" +
            "    <Nullable>enable</Nullable>\n" +
            "    <ImplicitUsings>enable</ImplicitUsings>\n" +
            "    <GenerateDocumentationFile>true</GenerateDocumentationFile>\n" +
            "  </PropertyGroup>\n" +
            "  <ItemGroup>\n" +
            Reference("ModelDsl.Abstractions") + Reference("ModelDsl.Spec") + Reference("ModelDsl.Runtime") + Reference("TorchSharp") +
            "    <Analyzer Include=\"" + SecurityElement.Escape(BuildPaths.GeneratorAssembly) + "\" />\n" +
            "  </ItemGroup>\n" +
            "</Project>\n");
        foreach (var (fileName, text) in sources) File.WriteAllText(Path.Combine(directory, fileName), text);
        var restore = ProcessRunner.Run("dotnet", new[] { "restore", "Scratch.csproj" }, directory, TimeSpan.FromMinutes(2));
        Assert.True(restore.ExitCode == 0, "dotnet restore of the scratch project failed:\n" + restore.Output);
        return new ScratchProject(directory);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
