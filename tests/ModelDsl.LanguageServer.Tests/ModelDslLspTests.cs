using System.Text.Json.Nodes;

namespace ModelDsl.LanguageServer.Tests;

/// <summary>Drives the built <c>modeldsl lsp</c> process over stdio, as an editor does.</summary>
public sealed class ModelDslLspTests
{
    private const string Uri = "file:///tmp/modeldsl-lsp-test/net.mdsl";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // Line numbers (0-based) matter to the assertions below.
    private const string UnitsSpec =
        "block Unit(width) {\n" +                              // 0
        "  conv: conv2d(width, 3, padding=1, bias=false)\n" +   // 1
        "  bn: batchnorm\n" +                                   // 2
        "  relu\n" +                                            // 3
        "}\n" +                                                 // 4
        "\n" +                                                  // 5
        "model Net(input = 3x32x32, classes = 10) {\n" +       // 6
        "  stem: conv2d(16, 3, padding=1)\n" +                  // 7
        "  stages: { Unit(16) > Unit(32) }\n" +                 // 8
        "  globalavgpool2d\n" +                                 // 9
        "  head: dense(classes)\n" +                            // 10
        "}\n";

    [Fact]
    public async Task Initialize_announces_the_features_and_shutdown_then_exit_ends_with_code_0()
    {
        await using var client = LspClient.StartModelDsl();
        var result = await client.InitializeAsync("file:///tmp/modeldsl-lsp-test");
        var capabilities = result!["capabilities"]!;
        Assert.Equal(2, capabilities["textDocumentSync"]!["change"]!.GetValue<int>());
        Assert.True(capabilities["hoverProvider"]!.GetValue<bool>());
        Assert.True(capabilities["definitionProvider"]!.GetValue<bool>());
        Assert.NotNull(capabilities["completionProvider"]);
        Assert.Equal("modeldsl", result["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task A_mistake_is_published_at_its_line_and_column_and_cleared_after_the_fix()
    {
        await using var client = await StartedAsync();
        const string wrong =
            "model Mnist(input = 1x28x28) {\n" +
            "  conv2d(32, 3, relu) > maxpool2d(2)\n" +
            "  dense(10, softmax)\n" +
            "}\n";
        client.Open(Uri, "mdsl", wrong);
        var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => Version(p) == 1, Wait);
        var diagnostic = Assert.Single(published["params"]!["diagnostics"]!.AsArray())!;
        Assert.Equal("MDSL009", diagnostic["code"]!.GetValue<string>());
        Assert.Equal(1, diagnostic["severity"]!.GetValue<int>());
        Assert.Contains("flatten", diagnostic["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((2, 2), Start(diagnostic));

        // Incremental edit: insert "flatten > " before dense.
        client.Change(Uri, 2, (2, 2, 2, 2), "flatten > ");
        var cleared = await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => Version(p) == 2, Wait);
        Assert.Empty(cleared["params"]!["diagnostics"]!.AsArray());
    }

    [Fact]
    public async Task A_syntax_error_is_a_diagnostic_and_the_server_keeps_answering()
    {
        await using var client = await StartedAsync();
        client.Open(Uri, "mdsl", "model Broken(input = 1x28x28) {\n  conv2d(8, 3\n");
        var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => Version(p) == 1, Wait);
        var codes = published["params"]!["diagnostics"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("MDSL001", codes);
        var completion = await client.RequestAsync("textDocument/completion", LspClient.At(Uri, 1, 13));
        Assert.NotEmpty(completion!["items"]!.AsArray());
        Assert.False(client.HasExited);
    }

    [Fact]
    public async Task Bad_messages_get_error_answers_are_logged_and_do_not_stop_the_server()
    {
        await using var client = await StartedAsync();
        client.SendRaw("{ this is not json");
        var missingPosition = await Assert.ThrowsAsync<LspErrorException>(() => client.RequestAsync("textDocument/hover", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } }));
        Assert.Equal(-32602, missingPosition.Code);
        var unknown = await Assert.ThrowsAsync<LspErrorException>(() => client.RequestAsync("textDocument/rename", LspClient.At(Uri, 0, 0)));
        Assert.Equal(-32601, unknown.Code);
        // A malformed range makes the handler throw: logged to window/logMessage and stderr, server stays up.
        client.Open(Uri, "mdsl", UnitsSpec);
        client.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = new JsonObject { ["start"] = "nonsense" }, ["text"] = "x" }),
        });
        var log = await client.WaitForNotificationAsync("window/logMessage", p => p?["message"]?.GetValue<string>().Contains("didChange failed") == true, Wait);
        Assert.Equal(1, log["params"]!["type"]!.GetValue<int>());
        var hover = await client.RequestAsync("textDocument/hover", LspClient.At(Uri, 7, 8));
        Assert.Contains("stem", hover!["contents"]!["value"]!.GetValue<string>());
        Assert.Contains("didChange failed", client.StandardError);
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task Hover_on_a_layer_line_shows_output_shape_parameters_and_module_path()
    {
        await using var client = await StartedAsync();
        client.Open(Uri, "mdsl", UnitsSpec);

        var stem = await HoverTextAsync(client, 7, 10);
        Assert.Contains("`stem`", stem);
        Assert.Contains("(N, 16, 32, 32)", stem);
        Assert.Contains("448", stem); // 16*3*3*3 + 16

        // A line of a block body: one row per instance, with the instance's path and shapes.
        var conv = await HoverTextAsync(client, 1, 10);
        Assert.Contains("`stages.0.conv`", conv);
        Assert.Contains("`stages.1.conv`", conv);
        Assert.Contains("(N, 16, 32, 32)", conv);
        Assert.Contains("(N, 32, 32, 32)", conv);
        Assert.Contains("2,304", conv); // 16*16*3*3, no bias
        Assert.Contains("4,608", conv); // 16*32*3*3

        var head = await HoverTextAsync(client, 10, 9);
        Assert.Contains("`head`", head);
        Assert.Contains("(N, 10)", head);
        Assert.Contains("330", head); // 32*10 + 10

        // A block call: the instance's output and the parameters of everything inside it.
        var call = await HoverTextAsync(client, 8, 25);
        Assert.Contains("`stages.1`", call);
        Assert.DoesNotContain("`stages.0`", call);
        Assert.Contains("Unit", call);
        Assert.Contains("4,672", call); // 4,608 conv + 64 batchnorm (+64 running stats)
    }

    [Fact]
    public async Task Completion_offers_layers_and_blocks_at_a_statement_and_argument_names_inside_a_call()
    {
        await using var client = await StartedAsync();
        var text = UnitsSpec.Replace("  globalavgpool2d\n", "  maxp\n  conv2d(16, 3, padding=1, \n  Unit(\n", StringComparison.Ordinal);
        client.Open(Uri, "mdsl", text);

        var statement = Labels(await client.RequestAsync("textDocument/completion", LspClient.At(Uri, 9, 6)));
        Assert.Contains("maxpool2d", statement);
        Assert.Contains("maxpool", statement);
        Assert.Contains("Unit", statement);
        Assert.Contains("repeat", statement);
        Assert.DoesNotContain("stride=", statement);

        var arguments = Labels(await client.RequestAsync("textDocument/completion", LspClient.At(Uri, 10, 27)));
        Assert.Contains("stride=", arguments);
        Assert.Contains("bias=", arguments);
        Assert.DoesNotContain("padding=", arguments); // already given
        Assert.DoesNotContain("maxpool2d", arguments);
        Assert.Contains("classes", arguments);      // a parameter of the model being written, as a value

        var blockArguments = Labels(await client.RequestAsync("textDocument/completion", LspClient.At(Uri, 11, 7)));
        Assert.Contains("width=", blockArguments);
    }

    [Fact]
    public async Task Definition_of_a_block_call_is_the_block_declaration()
    {
        await using var client = await StartedAsync();
        client.Open(Uri, "mdsl", UnitsSpec);
        var location = await client.RequestAsync("textDocument/definition", LspClient.At(Uri, 8, 24));
        Assert.Equal(Uri, location!["uri"]!.GetValue<string>());
        Assert.Equal((0, 6), Start(location));
        Assert.Equal(10, location["range"]!["end"]!["character"]!.GetValue<int>());
        Assert.Null(await client.RequestAsync("textDocument/definition", LspClient.At(Uri, 7, 9))); // conv2d is a layer, not a declaration
    }

    [Fact]
    public async Task A_burst_of_edits_is_compiled_once_for_the_last_version()
    {
        await using var client = await StartedAsync();
        client.Open(Uri, "mdsl", UnitsSpec);
        await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => Version(p) == 1, Wait);
        // Type "dense(5)" after head's line one character at a time.
        var typed = "  dense(5)";
        for (var i = 0; i < typed.Length; i++) client.Change(Uri, 2 + i, (10, 22 + i, 10, 22 + i), typed[i].ToString());
        var last = 1 + typed.Length;
        var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => Version(p) == last, Wait);
        Assert.True(client.Notifications("textDocument/publishDiagnostics").Count <= 3, "each keystroke was compiled");
        // "head: dense(classes)  dense(5)": valid, two dense layers.
        Assert.Empty(published["params"]!["diagnostics"]!.AsArray());
    }

    private static async Task<LspClient> StartedAsync()
    {
        var client = LspClient.StartModelDsl();
        await client.InitializeAsync("file:///tmp/modeldsl-lsp-test");
        return client;
    }

    private static async Task<string> HoverTextAsync(LspClient client, int line, int character)
    {
        var hover = await client.RequestAsync("textDocument/hover", LspClient.At(Uri, line, character));
        Assert.NotNull(hover);
        Assert.Equal("markdown", hover!["contents"]!["kind"]!.GetValue<string>());
        return hover["contents"]!["value"]!.GetValue<string>();
    }

    private static List<string> Labels(JsonNode? completion)
        => completion!["items"]!.AsArray().Select(i => i!["label"]!.GetValue<string>()).ToList();

    private static int? Version(JsonNode? publishParams)
        => publishParams?["uri"]?.GetValue<string>() == Uri ? publishParams["version"]?.GetValue<int>() : null;

    private static (int Line, int Character) Start(JsonNode node)
        => (node["range"]!["start"]!["line"]!.GetValue<int>(), node["range"]!["start"]!["character"]!.GetValue<int>());
}
