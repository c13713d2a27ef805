using System.Text.Json.Nodes;
using ModelDsl.LanguageServer.Rpc;

namespace ModelDsl.LanguageServer.Server;

/// <summary>
/// Where the server reports its own failures: stderr (the client's output channel shows it) and
/// <c>window/logMessage</c>. Never stdout: that is the protocol stream.
/// </summary>
internal sealed class ServerLog(TextWriter stderr, MessageWriter writer)
{
    private readonly Lock _gate = new();

    public void Error(string what, Exception e)
    {
        var text = "modeldsl lsp: " + what + ": " + e.GetType().Name + ": " + e.Message;
        lock (_gate)
        {
            stderr.WriteLine(text);
            stderr.WriteLine(e.StackTrace);
            stderr.Flush();
        }
        try
        {
            writer.Notify("window/logMessage", new JsonObject { ["type"] = 1, ["message"] = text });
        }
        catch (IOException)
        {
            // The client is gone; stderr has the message.
        }
    }
}
