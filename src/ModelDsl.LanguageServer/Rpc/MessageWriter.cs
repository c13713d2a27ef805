using System.Text;
using System.Text.Json.Nodes;

namespace ModelDsl.LanguageServer.Rpc;

/// <summary>
/// Writes framed JSON-RPC messages. Responses (from the request loop) and notifications (from the
/// debounced diagnostics tasks) come from different threads: one lock keeps messages whole.
/// </summary>
internal sealed class MessageWriter(Stream output)
{
    private readonly Lock _gate = new();

    public void Notify(string method, JsonNode? @params)
        => Write(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = @params });

    public void Respond(JsonNode? id, JsonNode? result)
        => Write(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id?.DeepClone(), ["result"] = result });

    public void RespondError(JsonNode? id, int code, string message)
        => Write(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id?.DeepClone(),
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        });

    private void Write(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes("Content-Length: " + body.Length + "\r\n\r\n");
        lock (_gate)
        {
            output.Write(header);
            output.Write(body);
            output.Flush();
        }
    }
}
