using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Spec.Language
{
    /// <summary>
    /// A parsed .mdsl file: its models and blocks, and the file-level diagnostics (syntax errors,
    /// duplicate declarations). Models are expanded on demand with <see cref="Instantiate"/>,
    /// optionally overriding their parameters (<c>include_top=false</c>, <c>classes=10</c>).
    /// </summary>
    public sealed class SpecDocument
    {
        private readonly Dictionary<string, Decl> _models = new Dictionary<string, Decl>(StringComparer.Ordinal);
        private readonly Dictionary<string, Decl> _blocks = new Dictionary<string, Decl>(StringComparer.Ordinal);

        private readonly IReadOnlyList<Decl> _decls;
        private readonly IReadOnlyList<DefaultsStmt> _defaults;

        private SpecDocument(string path, EquatableArray<SpecDiagnostic> diagnostics, IReadOnlyList<Decl> decls, IReadOnlyList<DefaultsStmt> defaults)
        {
            _decls = decls;
            _defaults = defaults;
            Path = path;
            var all = diagnostics.ToList();
            foreach (var decl in decls)
            {
                if (_models.ContainsKey(decl.Name) || _blocks.ContainsKey(decl.Name))
                {
                    all.Add(SpecDiagnostic.Create(DiagnosticCatalog.DuplicateName, decl.NameSpan, decl.Name));
                    continue;
                }
                (decl.IsModel ? _models : _blocks)[decl.Name] = decl;
            }
            NameChecker.Check(NameChecker.Unreferenced(decls, _blocks), _blocks, all);
            ModelNames = decls.Where(d => d.IsModel).Select(d => d.Name).Distinct().ToEquatableArray();
            BlockNames = decls.Where(d => !d.IsModel).Select(d => d.Name).Distinct().ToEquatableArray();
            if (ModelNames.Count == 0 && !all.Any(d => d.Severity == SpecSeverity.Error))
            {
                all.Add(SpecDiagnostic.Create(DiagnosticCatalog.NoModel, Text.SourceSpan.OnLine(path, 0, 0, 1, 1)));
            }
            Diagnostics = all.ToEquatableArray();
        }

        /// <summary>Parses <paramref name="text"/>; never throws on bad input.</summary>
        public static SpecDocument Parse(string text, string path)
        {
            var diagnostics = new List<SpecDiagnostic>();
            var file = Parser.Parse(text ?? string.Empty, path, diagnostics);
            return new SpecDocument(path, diagnostics.ToEquatableArray(), file.Decls, file.Defaults);
        }

        /// <summary>The file path given to <see cref="Parse"/>.</summary>
        public string Path { get; }

        /// <summary>Models in declaration order.</summary>
        public EquatableArray<string> ModelNames { get; }

        /// <summary>Blocks in declaration order.</summary>
        public EquatableArray<string> BlockNames { get; }

        /// <summary>
        /// File-level diagnostics: syntax, duplicate declarations, no model, and unknown layer/block
        /// names inside blocks nothing calls (names in models and called blocks are reported by
        /// <see cref="Instantiate"/>, so merging both gives no duplicates).
        /// </summary>
        public EquatableArray<SpecDiagnostic> Diagnostics { get; }

        /// <summary>
        /// Unknown layer/block names anywhere in the file, including branches the default arguments do
        /// not take (used by <see cref="SpecCompiler.Compile"/>, which de-duplicates).
        /// </summary>
        public EquatableArray<SpecDiagnostic> CheckAllNames()
        {
            var found = new List<SpecDiagnostic>();
            NameChecker.Check(_decls, _blocks, found);
            return found.ToEquatableArray();
        }

        /// <summary>
        /// Expands and infers one model. <paramref name="arguments"/> override its parameters; unknown
        /// names are reported (MDSL005), a missing model is MDSL024.
        /// </summary>
        public ModelCompilation Instantiate(string model, IReadOnlyDictionary<string, ArgValue>? arguments = null, CancellationToken cancellationToken = default)
        {
            var diagnostics = new List<SpecDiagnostic>();
            if (!_models.TryGetValue(model, out var decl))
            {
                diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.ModelNotFound, Text.SourceSpan.OnLine(Path, 0, 0, 1, 1), model,
                    ModelNames.Count == 0 ? "none" : string.Join(", ", ModelNames)));
                return new ModelCompilation(model, null, null, diagnostics.ToEquatableArray());
            }
            var graph = new Elaborator(_blocks, diagnostics, cancellationToken) { FileDefaults = _defaults }.Elaborate(decl, arguments);
            InferenceResult? inference = null;
            if (graph != null && !diagnostics.Any(d => d.Severity == SpecSeverity.Error))
            {
                inference = ShapeInference.Infer(graph, cancellationToken);
                diagnostics.AddRange(inference.Diagnostics);
            }
            return new ModelCompilation(model, graph, inference, diagnostics.ToEquatableArray());
        }
    }
}
