using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators.Diagnostics;
using ModelDsl.Generators.Emit;
using ModelDsl.Generators.FrontEnd;
using ModelDsl.Generators.Lowering;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Language;

namespace ModelDsl.Generators
{
    /// <summary>
    /// The transforms after the front ends, shared by the generator and the analyzer: lowering to the IR, shape
    /// inference, emit models (the generator's) and Spec diagnostics mapped to Roslyn ones (the analyzer's). Every
    /// entry point turns an internal exception into MDSL199 or an empty result, so the build never fails with CS8785.
    /// </summary>
    internal static class ModelPipeline
    {
        /// <summary>
        /// The emit model of a <c>[Model]</c> class; for a model with errors, the class with what can be derived and a
        /// throwing <c>forward</c> (see <see cref="GraphEmitter.BuildWithErrors"/>). Null only on an internal failure.
        /// </summary>
        public static EmitModel? EmitClass(ClassModel model, EquatableArray<SpecText> specs, CancellationToken cancellationToken)
        {
            try
            {
                var result = Analyze(model, specs, null, cancellationToken);
                var target = new GraphEmitter.Target(model.Namespace, model.ContainingTypes, model.Name, model.Accessibility, model.HintName, result.Origin, model.HasDocSummary);
                var errors = model.DeclarationErrors.Concat(result.Errors(model)).ToList();
                if (errors.Count == 0 && result.Inference is { HasErrors: false } sound)
                {
                    return GraphEmitter.Build(target, sound, cancellationToken);
                }
                if (errors.Count == 0) errors.Add(GeneratorDiagnostics.InternalError.Id + ": the model could not be checked");
                return GraphEmitter.BuildWithErrors(target, result.Graph, result.Inference, errors, cancellationToken);
            }
            catch (System.Exception ex) when (ex is not System.OperationCanceledException)
            {
                return null; // The analyzer reports the same exception as MDSL199.
            }
        }

        /// <summary>One emit model per model of a <c>.mdsl</c> file; a model with errors gets a class whose forward throws.</summary>
        public static ImmutableArray<EmitModel> EmitSpecFile(SpecText file, BuildOptions options, CancellationToken cancellationToken)
        {
            try
            {
                var compilation = SpecCompiler.Compile(file.Text, file.Path, cancellationToken);
                var builder = ImmutableArray.CreateBuilder<EmitModel>();
                var names = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (var model in compilation.Models)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // A name declared twice (MDSL006) is one class: the first declaration's.
                    if (!names.Add(model.Name)) continue;
                    var ns = options.RootNamespace;
                    var hint = (ns.Length > 0 ? ns + "." : "") + model.Name + ".mdsl.g.cs";
                    var target = new GraphEmitter.Target(ns, EquatableArray<string>.Empty, model.Name, "public", hint, System.IO.Path.GetFileName(file.Path));
                    if (model.Inference is { HasErrors: false } sound && !model.HasErrors)
                    {
                        var emit = GraphEmitter.Build(target, sound, cancellationToken);
                        if (emit is not null) builder.Add(emit);
                        continue;
                    }
                    var errors = model.Diagnostics.Where(d => d.Severity == SpecSeverity.Error).Select(d => Describe(d, file.Path)).ToList();
                    if (errors.Count == 0) errors.AddRange(compilation.Diagnostics.Where(d => d.Severity == SpecSeverity.Error).Select(d => Describe(d, file.Path)));
                    if (errors.Count == 0) errors.Add(GeneratorDiagnostics.InternalError.Id + ": the model could not be checked");
                    builder.Add(GraphEmitter.BuildWithErrors(target, model.Graph, model.Inference, errors, cancellationToken));
                }
                return builder.ToImmutable();
            }
            catch (System.Exception ex) when (ex is not System.OperationCanceledException)
            {
                return ImmutableArray<EmitModel>.Empty; // The analyzer reports it.
            }
        }

        /// <summary>"MDSL007: message" as the diagnostic reads in the build, for a model with errors to throw.</summary>
        private static string Describe(SpecDiagnostic diagnostic, string fallbackPath)
            => DiagnosticMapper.ToRoslyn(diagnostic, span => ExternalLocation(span, fallbackPath)) is var d
                ? d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)
                : "";

        /// <summary>All diagnostics of a <c>[Model]</c> class: its C# declaration, then lowering and inference.</summary>
        /// <param name="target">The class as the front end read it.</param>
        /// <param name="specs">The project's <c>.mdsl</c> files, sorted by path.</param>
        /// <param name="parse">Parses a spec file; the analyzer passes its per-compilation cache, null parses afresh.</param>
        /// <param name="cancellationToken">Cancels the work.</param>
        public static ImmutableArray<Diagnostic> DiagnoseClass(ClassTarget target, EquatableArray<SpecText> specs, System.Func<SpecText, SpecDocument>? parse, CancellationToken cancellationToken)
        {
            if (target.Model is null) return target.Diagnostics;
            var builder = target.Diagnostics.ToBuilder();
            try
            {
                var result = Analyze(target.Model, specs, parse, cancellationToken);
                foreach (var diagnostic in result.Diagnostics)
                {
                    builder.Add(DiagnosticMapper.ToRoslyn(diagnostic, span => Locate(span, target)));
                }
                builder.AddRange(result.Extra.Select(e => e(target)));
            }
            catch (System.Exception ex) when (ex is not System.OperationCanceledException)
            {
                builder.Add(Diagnostic.Create(GeneratorDiagnostics.InternalError, Locate(target.Model.Span, target), target.Model.Name, ex.GetType().Name + ": " + ex.Message));
            }
            return builder.ToImmutable();
        }

        /// <summary>The diagnostics of a <c>.mdsl</c> file, at its lines and columns.</summary>
        public static ImmutableArray<Diagnostic> DiagnoseSpecFile(SpecText file, CancellationToken cancellationToken)
        {
            try
            {
                var compilation = SpecCompiler.Compile(file.Text, file.Path, cancellationToken);
                return compilation.Diagnostics
                    .Select(d => DiagnosticMapper.ToRoslyn(d, span => ExternalLocation(span, file.Path)))
                    .ToImmutableArray();
            }
            catch (System.Exception ex) when (ex is not System.OperationCanceledException)
            {
                return ImmutableArray.Create(Diagnostic.Create(GeneratorDiagnostics.InternalError, Location.Create(file.Path, default, default), System.IO.Path.GetFileName(file.Path), ex.GetType().Name + ": " + ex.Message));
            }
        }

        /// <summary>Lowering and inference of a class model, with Spec diagnostics in C# or inline-spec terms.</summary>
        private static Analysis Analyze(ClassModel model, EquatableArray<SpecText> specs, System.Func<SpecText, SpecDocument>? parse, CancellationToken cancellationToken)
        {
            if (model.SpecName is not null) return FromSpecFiles(model, specs, parse ?? (file => SpecDocument.Parse(file.Text, file.Path)), cancellationToken);
            if (model.InlineSpec is not null) return FromInlineSpec(model, cancellationToken);
            var lowered = AttributeLowering.Lower(model, cancellationToken);
            var diagnostics = new List<SpecDiagnostic>(lowered.Diagnostics);
            InferenceResult? inference = null;
            if (lowered.Graph is not null && !diagnostics.Any(d => d.Severity == SpecSeverity.Error))
            {
                inference = ShapeInference.Infer(lowered.Graph, cancellationToken);
                diagnostics.AddRange(inference.Diagnostics.Select(d => ArgumentTargeting.Retarget(d, inference.Graph, lowered.Sources)));
            }
            return new Analysis(lowered.Graph, inference, diagnostics, "its attributes");
        }

        private static Analysis FromSpecFiles(ClassModel model, EquatableArray<SpecText> specs, System.Func<SpecText, SpecDocument> parse, CancellationToken cancellationToken)
        {
            var available = new List<string>();
            foreach (var file in specs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var document = parse(file);
                if (!document.ModelNames.Contains(model.SpecName!))
                {
                    available.AddRange(document.ModelNames);
                    continue;
                }
                var arguments = new List<SpecDiagnostic>();
                var overrides = model.SpecArguments is null ? null : SpecArguments.Parse(model.SpecArguments, model.SpecArgumentsSpan, arguments);
                if (arguments.Count > 0) return new Analysis(null, null, arguments, "");
                var compiled = document.Instantiate(model.SpecName!, overrides, cancellationToken);
                // The spec file's own diagnostics are reported on the file; those the arguments cause belong here.
                var own = compiled.Diagnostics.Where(d => d.Span.Path == model.SpecArgumentsSpan.Path).ToList();
                if (overrides is not null && compiled.HasErrors && own.Count == 0 && !document.Instantiate(model.SpecName!, null, cancellationToken).HasErrors)
                {
                    // Errors that only the arguments cause, though reported inside the spec: point at the arguments.
                    own.AddRange(compiled.Diagnostics.Where(d => d.Severity == SpecSeverity.Error).Select(d => d with { Span = model.SpecArgumentsSpan }));
                }
                var origin = "model " + model.SpecName + " in " + System.IO.Path.GetFileName(file.Path);
                // Errors of the spec itself are reported on the file, but the class still cannot run: the model names them.
                var fileErrors = compiled.Diagnostics.Where(d => d.Severity == SpecSeverity.Error && d.Span.Path != model.SpecArgumentsSpan.Path)
                    .Select(d => Describe(d, file.Path)).ToList();
                return new Analysis(compiled.Graph, compiled.Inference, own, origin) { ElsewhereErrors = fileErrors };
            }
            var list = available.Count == 0 ? " (none found; is the file listed as AdditionalFiles?)" : " (available: " + string.Join(", ", available.Distinct()) + ")";
            var span = model.SpecNameSpan;
            var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, GeneratorDiagnostics.SpecNotFound.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), model.SpecName, list);
            return new Analysis(null, null, new List<SpecDiagnostic>(), "", t => Diagnostic.Create(GeneratorDiagnostics.SpecNotFound, Locate(span, t), model.SpecName, list))
            {
                ElsewhereErrors = new List<string> { GeneratorDiagnostics.SpecNotFound.Id + ": " + message },
            };
        }

        private static Analysis FromInlineSpec(ClassModel model, CancellationToken cancellationToken)
        {
            var origin = model.InlineSpecOrigin;
            var document = SpecDocument.Parse(model.InlineSpec!, origin.Path);
            var diagnostics = new List<SpecDiagnostic>(document.Diagnostics.Select(d => InlineSpans.Shift(d, origin, model.InlineSpec!)));
            var name = document.ModelNames.Contains(model.Name) ? model.Name : document.ModelNames.Count == 1 ? document.ModelNames[0] : null;
            if (name is null)
            {
                var list = document.ModelNames.Count == 0 ? " (the inline spec declares none)" : " (it declares " + string.Join(", ", document.ModelNames) + "; name one like the class)";
                var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, GeneratorDiagnostics.SpecNotFound.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), model.Name, list);
                return new Analysis(null, null, diagnostics, "", t => Diagnostic.Create(GeneratorDiagnostics.SpecNotFound, Locate(origin, t), model.Name, list))
                {
                    ElsewhereErrors = new List<string> { GeneratorDiagnostics.SpecNotFound.Id + ": " + message },
                };
            }
            var compiled = document.Instantiate(name, null, cancellationToken);
            diagnostics.AddRange(compiled.Diagnostics.Select(d => InlineSpans.Shift(d, origin, model.InlineSpec!)));
            return new Analysis(compiled.Graph, compiled.Inference, diagnostics, "its inline spec");
        }

        /// <summary>A location inside the compilation when the span's file is a syntax tree we read (so #pragma works).</summary>
        private static Location Locate(Spec.Text.SourceSpan span, ClassTarget target)
        {
            if (target.Trees.TryGetValue(span.Path, out var tree) && span.End <= tree.Length)
            {
                return Location.Create(tree, Spans.ToTextSpan(span));
            }
            return ExternalLocation(span, span.Path);
        }

        private static Location ExternalLocation(Spec.Text.SourceSpan span, string path)
            => Location.Create(span.IsKnown ? span.Path : path, Spans.ToTextSpan(span), Spans.ToLineSpan(span));

        private sealed class Analysis
        {
            public Analysis(ModelGraph? graph, InferenceResult? inference, List<SpecDiagnostic> diagnostics, string origin, params System.Func<ClassTarget, Diagnostic>[] extra)
            {
                Graph = graph;
                Inference = inference;
                Diagnostics = diagnostics;
                Origin = origin;
                Extra = extra;
            }

            /// <summary>The lowered graph, or null when lowering did not get that far.</summary>
            public ModelGraph? Graph { get; }

            /// <summary>Shapes and weights, possibly with errors; null when inference did not run.</summary>
            public InferenceResult? Inference { get; }

            /// <summary>Diagnostics reported at the class (or inside its inline spec).</summary>
            public List<SpecDiagnostic> Diagnostics { get; }

            public string Origin { get; }

            /// <summary>Diagnostics needing the class's syntax trees to be located (MDSL104).</summary>
            public System.Func<ClassTarget, Diagnostic>[] Extra { get; }

            /// <summary>Errors that stop the model but are reported elsewhere (in a .mdsl file) or by <see cref="Extra"/>, as "ID: message".</summary>
            public List<string> ElsewhereErrors { get; set; } = new List<string>();

            /// <summary>Every error that stops the model, as "ID: message", for the class with errors to name.</summary>
            public IEnumerable<string> Errors(ClassModel model)
            {
                foreach (var d in Diagnostics.Where(d => d.Severity == SpecSeverity.Error))
                {
                    yield return Describe(d, model.Span.Path);
                }
                foreach (var e in ElsewhereErrors) yield return e;
            }
        }
    }
}
