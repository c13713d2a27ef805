namespace ModelDsl.LanguageServer.Rpc;

/// <summary>JSON-RPC and LSP error codes the server answers with.</summary>
internal static class RpcError
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
}

/// <summary>Thrown by a handler to answer a request with a specific JSON-RPC error instead of InternalError.</summary>
internal sealed class RpcException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
