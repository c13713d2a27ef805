using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;

namespace ModelDsl.Spec.Language
{
    /// <summary>The whole pipeline for one file: parse, expand every model with its defaults, infer.</summary>
    public static class SpecCompiler
    {
        /// <summary>Compiles every model of a file. Never throws on bad input (only on cancellation).</summary>
        public static SpecCompilationResult Compile(string text, string path, CancellationToken cancellationToken = default)
        {
            var document = SpecDocument.Parse(text, path);
            var models = document.ModelNames.Select(m => document.Instantiate(m, null, cancellationToken)).ToList();
            var all = new List<SpecDiagnostic>(document.Diagnostics);
            all.AddRange(document.CheckAllNames());
            foreach (var model in models) all.AddRange(model.Diagnostics);
            // The same problem found twice (by the name check and by expansion) is one diagnostic: the one with the most notes.
            var unique = all.GroupBy(d => (d.Id, d.Span, d.Message)).Select(g => g.OrderByDescending(d => d.Notes.Count).First());
            var ordered = unique.OrderBy(d => d.Span.Start).ThenBy(d => d.Id, System.StringComparer.Ordinal);
            return new SpecCompilationResult(path, models.ToEquatableArray(), ordered.ToEquatableArray());
        }
    }

    /// <summary>The result of <see cref="SpecCompiler.Compile"/>.</summary>
    /// <param name="Path">The file path.</param>
    /// <param name="Models">Every model, expanded with default arguments.</param>
    /// <param name="Diagnostics">All diagnostics of the file and its models, in source order, without duplicates.</param>
    public sealed record SpecCompilationResult(string Path, EquatableArray<ModelCompilation> Models, EquatableArray<SpecDiagnostic> Diagnostics)
    {
        /// <summary>True when any diagnostic is an error.</summary>
        public bool HasErrors => Diagnostics.Any(d => d.Severity == SpecSeverity.Error);
    }
}
