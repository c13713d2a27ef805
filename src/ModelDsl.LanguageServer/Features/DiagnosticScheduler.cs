using System.Collections.Concurrent;
using ModelDsl.LanguageServer.Analysis;
using ModelDsl.LanguageServer.Documents;
using ModelDsl.LanguageServer.Rpc;
using ModelDsl.LanguageServer.Server;

namespace ModelDsl.LanguageServer.Features;

/// <summary>
/// Publishes diagnostics as the user types: each change restarts a short per-document delay, so a burst
/// of keystrokes compiles once, and a result for a version that is no longer the latest is dropped.
/// </summary>
internal sealed class DiagnosticScheduler(DocumentStore documents, AnalysisCache cache, MessageWriter writer, ServerLog log, TimeSpan delay)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    /// <summary>Compiles and publishes <paramref name="document"/> after the debounce delay (immediately when <paramref name="now"/>).</summary>
    public void Schedule(TextDocument document, bool now = false)
    {
        var cts = new CancellationTokenSource();
        _pending.AddOrUpdate(document.Uri, cts, (_, old) => { old.Cancel(); return cts; });
        _ = Task.Run(() => PublishAsync(document, now ? TimeSpan.Zero : delay, cts.Token));
    }

    /// <summary>Stops pending work for a closed document and clears its diagnostics.</summary>
    public void Clear(string uri)
    {
        if (_pending.TryRemove(uri, out var old)) old.Cancel();
        writer.Notify("textDocument/publishDiagnostics", DiagnosticConverter.Empty(uri));
    }

    private async Task PublishAsync(TextDocument document, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            var analysis = cache.Get(document, cancellationToken);
            // A newer version may have arrived while compiling: its own task publishes.
            if (cancellationToken.IsCancellationRequested || !documents.TryGet(document.Uri, out var latest) || latest.Version != document.Version) return;
            writer.Notify("textDocument/publishDiagnostics", DiagnosticConverter.PublishParams(analysis));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            log.Error("diagnostics for " + document.Uri + " failed", e);
        }
    }
}
