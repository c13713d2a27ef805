using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelDsl.LanguageServer.Analysis;
using ModelDsl.LanguageServer.Documents;
using ModelDsl.LanguageServer.Features;
using ModelDsl.LanguageServer.Rpc;

namespace ModelDsl.LanguageServer;

/// <summary>
/// The language server for <c>.mdsl</c> specs (<c>modeldsl lsp</c>): the Language Server Protocol over a
/// pair of streams. Diagnostics as the user types, hover with each layer's output shape, parameters and
/// module path, completion of layers, blocks and argument names, and go to a block's definition — all
/// from the same spec compiler the generator and <c>modeldsl check</c> use.
/// </summary>
public sealed class MdslLanguageServer
{
    /// <summary>How long typing must pause before a changed document is compiled and its diagnostics published.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(200);

    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly Server.ServerLog _log;
    private readonly DocumentStore _documents = new();
    private readonly AnalysisCache _cache = new();
    private readonly DiagnosticScheduler _diagnostics;
    private bool _initialized;
    private bool _shutdown;

    /// <summary>Creates a server reading requests from <paramref name="input"/> and writing to <paramref name="output"/>.</summary>
    /// <param name="input">The client's messages (the process's stdin).</param>
    /// <param name="output">The protocol stream to the client (the process's stdout; nothing else may write to it).</param>
    /// <param name="log">Where internal failures are written besides <c>window/logMessage</c> (stderr).</param>
    /// <param name="debounce">The typing pause before diagnostics are recomputed (<see cref="DefaultDebounce"/> when null).</param>
    public MdslLanguageServer(Stream input, Stream output, TextWriter log, TimeSpan? debounce = null)
    {
        _reader = new MessageReader(input);
        _writer = new MessageWriter(output);
        _log = new Server.ServerLog(log, _writer);
        _diagnostics = new DiagnosticScheduler(_documents, _cache, _writer, _log, debounce ?? DefaultDebounce);
    }

    /// <summary>
    /// Serves until the client sends <c>exit</c> or closes the input. Returns the process exit code the
    /// protocol asks for: 0 after <c>shutdown</c>, 1 otherwise. A malformed message or a failing handler is
    /// answered with an error and logged; it never ends the loop.
    /// </summary>
    public int Run()
    {
        while (true)
        {
            byte[]? body;
            try
            {
                body = _reader.Read();
            }
            catch (ProtocolException e)
            {
                _log.Error("unreadable message", e);
                continue;
            }
            if (body is null) return _shutdown ? 0 : 1;
            if (Dispatch(body) is { } exitCode) return exitCode;
        }
    }

    // Returns an exit code when the message was 'exit'.
    private int? Dispatch(byte[] body)
    {
        JsonObject message;
        try
        {
            message = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("the message is not a JSON object");
        }
        catch (JsonException e)
        {
            _log.Error("message is not valid JSON", e);
            _writer.RespondError(null, RpcError.ParseError, "parse error: " + e.Message);
            return null;
        }
        var id = message["id"];
        var method = message["method"]?.GetValueKind() == JsonValueKind.String ? message["method"]!.GetValue<string>() : null;
        if (method is null) return null; // a response to a request we never send, or garbage without a method
        if (method == "exit") return _shutdown ? 0 : 1;
        var isRequest = id is not null;
        try
        {
            var result = Handle(method, message["params"], isRequest);
            if (isRequest) _writer.Respond(id, result);
        }
        catch (RpcException e)
        {
            if (isRequest) _writer.RespondError(id, e.Code, e.Message);
            else _log.Error(method + " rejected", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The edge of one message: the server answers, logs and keeps serving.
            _log.Error(method + " failed", e);
            if (isRequest) _writer.RespondError(id, RpcError.InternalError, method + " failed: " + e.Message);
        }
        return null;
    }

    private JsonNode? Handle(string method, JsonNode? @params, bool isRequest)
    {
        if (method == "initialize")
        {
            _initialized = true;
            return InitializeResult();
        }
        if (!_initialized && isRequest) throw new RpcException(RpcError.ServerNotInitialized, "the server is not initialized");
        if (_shutdown && isRequest) throw new RpcException(RpcError.InvalidRequest, "the server is shutting down");
        switch (method)
        {
            case "shutdown":
                _shutdown = true;
                return null;
            case "textDocument/didOpen":
                Open(@params);
                return null;
            case "textDocument/didChange":
                Change(@params);
                return null;
            case "textDocument/didClose":
                Close(@params);
                return null;
            case "textDocument/hover":
                return WithDocument(@params, (analysis, line, character) => HoverProvider.Hover(analysis, line, character));
            case "textDocument/completion":
                return WithDocument(@params, (analysis, line, character) => CompletionProvider.Complete(analysis, line, character));
            case "textDocument/definition":
                return WithDocument(@params, (analysis, line, character) => DefinitionProvider.Definition(analysis, line, character));
        }
        if (isRequest && !method.StartsWith("$/", StringComparison.Ordinal)) throw new RpcException(RpcError.MethodNotFound, "unsupported method " + method);
        return null; // notifications we do not need (initialized, didSave, $/cancelRequest, ...)
    }

    private JsonNode? WithDocument(JsonNode? @params, Func<DocumentAnalysis, int, int, JsonNode?> feature)
    {
        var document = _documents.Get(Server.Lsp.Uri(@params));
        var (line, character) = Server.Lsp.RequestPosition(@params);
        return feature(_cache.Get(document), line, character);
    }

    private void Open(JsonNode? @params)
    {
        var item = @params?["textDocument"] ?? throw new RpcException(RpcError.InvalidParams, "missing textDocument");
        var document = new TextDocument(Server.Lsp.Uri(@params), item["version"]?.GetValue<int>() ?? 0, item["text"]?.GetValue<string>() ?? string.Empty);
        _documents.Set(document);
        _diagnostics.Schedule(document, now: true);
    }

    private void Change(JsonNode? @params)
    {
        var uri = Server.Lsp.Uri(@params);
        var document = _documents.Get(uri);
        var version = @params?["textDocument"]?["version"]?.GetValue<int>() ?? document.Version + 1;
        foreach (var change in @params?["contentChanges"]?.AsArray() ?? new JsonArray())
        {
            var text = change?["text"]?.GetValue<string>() ?? string.Empty;
            var range = change?["range"];
            document = document.WithChange(version, range is null ? null : (
                range["start"]!["line"]!.GetValue<int>(), range["start"]!["character"]!.GetValue<int>(),
                range["end"]!["line"]!.GetValue<int>(), range["end"]!["character"]!.GetValue<int>()), text);
        }
        _documents.Set(document);
        _diagnostics.Schedule(document);
    }

    private void Close(JsonNode? @params)
    {
        var uri = Server.Lsp.Uri(@params);
        _documents.Remove(uri);
        _cache.Remove(uri);
        _diagnostics.Clear(uri);
    }

    private static JsonObject InitializeResult() => new()
    {
        ["capabilities"] = new JsonObject
        {
            // Incremental sync: the client sends edited ranges, not the whole file per keystroke.
            ["textDocumentSync"] = new JsonObject { ["openClose"] = true, ["change"] = 2 },
            ["hoverProvider"] = true,
            ["completionProvider"] = new JsonObject { ["triggerCharacters"] = new JsonArray("(", ",") },
            ["definitionProvider"] = true,
        },
        ["serverInfo"] = new JsonObject
        {
            ["name"] = "modeldsl",
            ["version"] = typeof(MdslLanguageServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
        },
    };
}
