using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ModelDsl.LanguageServer.Tests;

/// <summary>
/// A small LSP client over a child process's stdio, written independently of the server's own framing
/// so the tests check the wire format. Answers the server's requests (workspace/configuration,
/// client/registerCapability, window/workDoneProgress/create) so real servers like csharp-ls proceed.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly List<JsonObject> _notifications = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly Thread _reader;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private LspClient(Process process)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "lsp-client-reader" };
        _reader.Start();
    }

    /// <summary>Answers the server's <c>workspace/configuration</c> items by section name.</summary>
    public Func<string?, JsonNode?> Configuration { get; init; } = _ => null;

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static LspClient Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, Func<string?, JsonNode?>? configuration = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        return new LspClient(process) { Configuration = configuration ?? (_ => null) };
    }

    /// <summary>Starts the built CLI (<c>dotnet modeldsl.dll lsp</c>) from this test's output folder.</summary>
    public static LspClient StartModelDsl()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "modeldsl.dll");
        Assert.True(File.Exists(cli), "the built CLI is missing: " + cli);
        return Start("dotnet", new[] { cli, "lsp", "--stdio" });
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? @params, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = @params });
        return await completion.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20)).ConfigureAwait(false);
    }

    public void Notify(string method, JsonNode? @params)
        => Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = @params });

    /// <summary>Writes raw bytes (for malformed-input tests).</summary>
    public void SendRaw(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        lock (_gate)
        {
            _input.Write(Encoding.ASCII.GetBytes("Content-Length: " + bytes.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n"));
            _input.Write(bytes);
            _input.Flush();
        }
    }

    /// <summary>The first notification (already received or arriving within the timeout) that matches.</summary>
    public async Task<JsonObject> WaitForNotificationAsync(string method, Func<JsonNode?, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task arrived;
            lock (_notifications)
            {
                var found = _notifications.FirstOrDefault(n => n["method"]?.GetValue<string>() == method && match(n["params"]));
                if (found is not null) return found;
                arrived = _arrived.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException("no matching " + method + " within " + timeout + "; received:\n" + string.Join("\n", Notifications(method).Select(n => n.ToJsonString())) + "\nstderr:\n" + StandardError);
            await Task.WhenAny(arrived, Task.Delay(left)).ConfigureAwait(false);
        }
    }

    public List<JsonObject> Notifications(string method)
    {
        lock (_notifications) return _notifications.Where(n => n["method"]?.GetValue<string>() == method).ToList();
    }

    public async Task<JsonNode?> InitializeAsync(string rootUri, JsonNode? initializationOptions = null, TimeSpan? timeout = null)
    {
        var result = await RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = rootUri,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "test" }),
            ["initializationOptions"] = initializationOptions,
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["hover"] = new JsonObject { ["contentFormat"] = new JsonArray("markdown", "plaintext") },
                    ["publishDiagnostics"] = new JsonObject { ["relatedInformation"] = true },
                    ["synchronization"] = new JsonObject { ["didSave"] = true },
                },
            },
        }, timeout).ConfigureAwait(false);
        Notify("initialized", new JsonObject());
        return result;
    }

    public void Open(string uri, string languageId, string text, int version = 1)
        => Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = languageId, ["version"] = version, ["text"] = text },
        });

    /// <summary>Replaces the range (line, character)-(endLine, endCharacter) with <paramref name="text"/> (incremental sync).</summary>
    public void Change(string uri, int version, (int Line, int Character, int EndLine, int EndCharacter) range, string text)
        => Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = new JsonObject
                {
                    ["start"] = new JsonObject { ["line"] = range.Line, ["character"] = range.Character },
                    ["end"] = new JsonObject { ["line"] = range.EndLine, ["character"] = range.EndCharacter },
                },
                ["text"] = text,
            }),
        });

    public static JsonObject At(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
    };

    /// <summary>shutdown, exit, and the process's exit code.</summary>
    public async Task<int> ShutdownAsync()
    {
        await RequestAsync("shutdown", null).ConfigureAwait(false);
        Notify("exit", null);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
            }
        }
        _process.Dispose();
    }

    private void Send(JsonObject message)
    {
        var body = message.ToJsonString();
        SendRaw(body);
    }

    private void ReadLoop()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (ReadMessage(output) is { } message) Handle(message);
        }
        catch (IOException)
        {
        }
        foreach (var pending in _pending.Values) pending.TrySetException(new IOException("the server closed its output; stderr:\n" + StandardError));
    }

    private void Handle(JsonObject message)
    {
        var method = message["method"]?.GetValue<string>();
        var id = message["id"];
        if (method is null && id is not null)
        {
            if (_pending.TryRemove(id.GetValue<int>(), out var completion))
            {
                if (message["error"] is { } error) completion.TrySetException(new LspErrorException(error["code"]?.GetValue<int>() ?? 0, error["message"]?.GetValue<string>() ?? ""));
                else completion.TrySetResult(message["result"]?.DeepClone());
            }
            return;
        }
        if (method is not null && id is not null)
        {
            // A request from the server: answer so it can go on.
            JsonNode? result = method == "workspace/configuration"
                ? new JsonArray((message["params"]?["items"]?.AsArray() ?? new JsonArray()).Select(item => Configuration(item?["section"]?.GetValue<string>())).ToArray())
                : null;
            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
        }
        lock (_notifications)
        {
            _notifications.Add(message);
            var arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.SetResult();
        }
    }

    private static JsonObject? ReadMessage(Stream stream)
    {
        var length = -1;
        var line = new StringBuilder();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0) return null;
            if (b != '\n') { line.Append((char)b); continue; }
            var header = line.ToString().TrimEnd('\r');
            line.Clear();
            if (header.Length == 0) break;
            if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(header["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        if (length < 0) throw new IOException("message without Content-Length");
        var body = new byte[length];
        stream.ReadExactly(body);
        return (JsonObject)JsonNode.Parse(body)!;
    }
}

/// <summary>An error response from the server.</summary>
internal sealed class LspErrorException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
