namespace ModelDsl.LanguageServer.Rpc;

/// <summary>A message that does not follow the base protocol (bad header, body that is not a JSON-RPC object).</summary>
internal sealed class ProtocolException(string message) : Exception(message);
