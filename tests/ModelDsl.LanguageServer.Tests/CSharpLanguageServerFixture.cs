using System.Text.Json.Nodes;

namespace ModelDsl.LanguageServer.Tests;

/// <summary>
/// One csharp-ls 0.28.0 session for the class: installed as a dotnet tool into a temporary tool path (NuGet's
/// cache makes a repeat install take seconds), started with analyzers enabled on a scratch project holding
/// <see cref="WrongFile"/> and <see cref="GoodFile"/>. Loading the project is most of the time, so the tests
/// share it, each on its own file.
/// </summary>
public sealed class CSharpLanguageServerFixture : IAsyncLifetime
{
    public const string Version = "0.28.0";
    public const string WrongFile = "Net.cs";
    public const string GoodFile = "Good.cs";

    // Conv2D leaves a rank-3 [32, 13, 13] tensor after the pool: Dense without Flatten is MDSL009.
    public const string WrongModel =
        "using ModelDsl;\n" +                              // 0
        "\n" +                                             // 1
        "namespace Scratch;\n" +                           // 2
        "\n" +                                             // 3
        "/// <summary>A user's own summary.</summary>\n" + // 4
        "[Model(Input = \"1x28x28\")]\n" +                 // 5
        "[Conv2D(32, 3, Activation.Relu)]\n" +             // 6
        "[MaxPool2D(2)]\n" +                               // 7
        "[Dense(10)]\n" +                                  // 8
        "public partial class Net { }\n";                  // 9

    public static readonly string FixedModel = WrongModel.Replace("[Dense(10)]\n", "[Flatten]\n[Dense(10)]\n", StringComparison.Ordinal);

    public static readonly string GoodModel = FixedModel.Replace("class Net", "class Good", StringComparison.Ordinal);

    private readonly string _toolPath = Path.Combine(Path.GetTempPath(), "modeldsl-csharp-ls-" + Version + "-" + Guid.NewGuid().ToString("N")[..8]);
    private ScratchProject? _project;
    private LspClient? _client;

    internal ScratchProject Project => _project ?? throw new InvalidOperationException("not initialized");

    internal LspClient Client => _client ?? throw new InvalidOperationException("not initialized");

    /// <summary>True when the server offers pull diagnostics (textDocument/diagnostic).</summary>
    public bool PullDiagnostics { get; private set; }

    public async Task InitializeAsync()
    {
        var install = ProcessRunner.Run("dotnet", new[] { "tool", "install", "csharp-ls", "--version", Version, "--tool-path", _toolPath },
            Path.GetTempPath(), TimeSpan.FromMinutes(3));
        var executable = Path.Combine(_toolPath, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
        if (install.ExitCode != 0 || !File.Exists(executable))
            throw new InvalidOperationException("csharp-ls " + Version + " could not be installed as a dotnet tool:\n" + install.Output);
        _project = ScratchProject.Create((WrongFile, WrongModel), (GoodFile, GoodModel));

        static JsonNode? Settings(string? section) => section switch
        {
            "csharp" => new JsonObject { ["analyzersEnabled"] = true },
            "csharp.analyzersEnabled" => true,
            _ => null,
        };
        _client = LspClient.Start(executable, new[] { "--loglevel", "info" }, _project.Directory, Settings);
        var rootUri = new Uri(_project.Directory + Path.DirectorySeparatorChar).AbsoluteUri;
        var result = await _client.InitializeAsync(rootUri, new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } }, TimeSpan.FromSeconds(60));
        PullDiagnostics = result?["capabilities"]?["diagnosticProvider"] is not null;
        _client.Notify("workspace/didChangeConfiguration", new JsonObject { ["settings"] = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } } });
    }

    public async Task DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        _project?.Dispose();
        try
        {
            Directory.Delete(_toolPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
