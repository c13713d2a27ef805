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
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Language;

namespace ModelDsl.Generators
{
    /// <summary>
    /// The transforms after the front ends: lowering to the IR, shape inference, emit models, and mapping
    /// Spec diagnostics to Roslyn ones. Every entry point turns an internal exception into MDSL199, so the
    /// generator never fails the build with CS8785.
    /// </summary>
    internal static class ModelPipeline
    {
        /// <summary>The emit model of a <c>[Model]</c> class, or null when it has errors.</summary>
        public static EmitModel? EmitClass(ClassModel model, EquatableArray<SpecText> specs, CancellationToken cancellationToken)
        {
            try
            {
                var result = Analyze(model, specs, cancellationToken);
                if (result.Inference is null) return null;
                var target = new GraphEmitter.Target(model.Namespace, model.ContainingTypes, model.Name, model.Accessibility, model.HintName, result.Origin);
                return GraphEmitter.Build(target, result.Inference, cancellationToken);
            }
            catch (System.Exception ex) when (ex is not System.OperationCanceledException)
            {
                return null; // DiagnoseClass reports the same exception as MDSL199.
            }
        }

        /// <summary>One emit model per error-free model of a <c>.mdsl</c> file.</summary>
        public static ImmutableArray<EmitModel> EmitSpecFile(SpecText file, BuildOptions options, CancellationToken cancellationToken)
        {
            try
            {
                var compilation = SpecCompiler.Compile(file.Text, file.Path, cancellationToken);
                var builder = ImmutableArray.CreateBuilder<EmitModel>();
                var stem = System.IO.Path.GetFileNameWithoutExtension(file.Path);
                foreach (var model in compilation.Models)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (model.Inference is null || model.HasErrors) continue;
                    var ns = options.RootNamespace;
                    var hint = (ns.Length > 0 ? ns + "." : "") + model.Name + ".mdsl.g.cs";
                    var target = new GraphEmitter.Target(ns, EquatableArray<string>.Empty, model.Name, "public", hint, System.IO.Path.GetFileName(file.Path));
                    var emit = GraphEmitter.Build(target, model.Inference, cancellationToken);
                    if (emit is not null) builder.Add(emit);
                }
                return builder.ToImmutable();
            }
            catch (System.Exception ex) when (ex is not System.OperationCanceledException)
            {
                return ImmutableArray<EmitModel>.Empty; // DiagnoseSpecFile reports it.
            }
        }

        /// <summary>All diagnostics of a <c>[Model]</c> class: its C# declaration, then lowering and inference.</summary>
        public static ImmutableArray<Diagnostic> DiagnoseClass(ClassTarget target, EquatableArray<SpecText> specs, CancellationToken cancellationToken)
        {
            if (target.Model is null) return target.Diagnostics;
            var builder = target.Diagnostics.ToBuilder();
            try
            {
                var result = Analyze(target.Model, specs, cancellationToken);
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
        private static Analysis Analyze(ClassModel model, EquatableArray<SpecText> specs, CancellationToken cancellationToken)
        {
            if (model.SpecName is not null) return FromSpecFiles(model, specs, cancellationToken);
            if (model.InlineSpec is not null) return FromInlineSpec(model, cancellationToken);
            var lowered = AttributeLowering.Lower(model, cancellationToken);
            var diagnostics = new List<SpecDiagnostic>(lowered.Diagnostics);
            InferenceResult? inference = null;
            if (lowered.Graph is not null && !diagnostics.Any(d => d.Severity == SpecSeverity.Error))
            {
                inference = ShapeInference.Infer(lowered.Graph, cancellationToken);
                diagnostics.AddRange(inference.Diagnostics.Select(d => ArgumentTargeting.Retarget(d, inference.Graph, lowered.Sources)));
            }
            return new Analysis(inference is { HasErrors: false } ? inference : null, diagnostics, "its attributes");
        }

        private static Analysis FromSpecFiles(ClassModel model, EquatableArray<SpecText> specs, CancellationToken cancellationToken)
        {
            var available = new List<string>();
            foreach (var file in specs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var document = SpecDocument.Parse(file.Text, file.Path);
                if (!document.ModelNames.Contains(model.SpecName!))
                {
                    available.AddRange(document.ModelNames);
                    continue;
                }
                var arguments = new List<SpecDiagnostic>();
                var overrides = model.SpecArguments is null ? null : SpecArguments.Parse(model.SpecArguments, model.SpecArgumentsSpan, arguments);
                if (arguments.Count > 0) return new Analysis(null, arguments, "");
                var compiled = document.Instantiate(model.SpecName!, overrides, cancellationToken);
                // The spec file's own diagnostics are reported on the file; those the arguments cause belong here.
                var own = compiled.Diagnostics.Where(d => d.Span.Path == model.SpecArgumentsSpan.Path).ToList();
                if (overrides is not null && compiled.HasErrors && own.Count == 0 && !SpecDocument.Parse(file.Text, file.Path).Instantiate(model.SpecName!, null, cancellationToken).HasErrors)
                {
                    // Errors that only the arguments cause, though reported inside the spec: point at the arguments.
                    own.AddRange(compiled.Diagnostics.Where(d => d.Severity == SpecSeverity.Error).Select(d => d with { Span = model.SpecArgumentsSpan }));
                }
                var origin = "model " + model.SpecName + " in " + System.IO.Path.GetFileName(file.Path);
                return new Analysis(compiled.HasErrors ? null : compiled.Inference, own, origin);
            }
            var list = available.Count == 0 ? " (none found; is the file listed as AdditionalFiles?)" : " (available: " + string.Join(", ", available.Distinct()) + ")";
            var span = model.SpecNameSpan;
            return new Analysis(null, new List<SpecDiagnostic>(), "", t => Diagnostic.Create(GeneratorDiagnostics.SpecNotFound, Locate(span, t), model.SpecName, list));
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
                return new Analysis(null, diagnostics, "", t => Diagnostic.Create(GeneratorDiagnostics.SpecNotFound, Locate(origin, t), model.Name, list));
            }
            var compiled = document.Instantiate(name, null, cancellationToken);
            diagnostics.AddRange(compiled.Diagnostics.Select(d => InlineSpans.Shift(d, origin, model.InlineSpec!)));
            return new Analysis(compiled.HasErrors ? null : compiled.Inference, diagnostics, "its inline spec");
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
            public Analysis(InferenceResult? inference, List<SpecDiagnostic> diagnostics, string origin, params System.Func<ClassTarget, Diagnostic>[] extra)
            {
                Inference = inference;
                Diagnostics = diagnostics;
                Origin = origin;
                Extra = extra;
            }

            public InferenceResult? Inference { get; }
            public List<SpecDiagnostic> Diagnostics { get; }
            public string Origin { get; }
            public System.Func<ClassTarget, Diagnostic>[] Extra { get; }
        }
    }
}
