using System.Collections.Concurrent;

namespace ModelDsl.LanguageServer.Documents;

/// <summary>The open documents by URI, each as its latest immutable snapshot.</summary>
internal sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, TextDocument> _documents = new(StringComparer.Ordinal);

    public void Set(TextDocument document) => _documents[document.Uri] = document;

    public bool TryGet(string uri, out TextDocument document) => _documents.TryGetValue(uri, out document!);

    public void Remove(string uri) => _documents.TryRemove(uri, out _);

    /// <summary>The open document, or an <see cref="Rpc.RpcException"/> a client can understand.</summary>
    public TextDocument Get(string uri)
        => TryGet(uri, out var document) ? document : throw new Rpc.RpcException(Rpc.RpcError.InvalidParams, "document not open: " + uri);
}
