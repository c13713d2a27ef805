using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generators.Emit;
using ModelDsl.Generators.FrontEnd;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Collections;

namespace ModelDsl.Generators
{
    /// <summary>
    /// The ModelDsl source generator. Two front ends — <c>[Model]</c> classes and <c>*.mdsl</c> AdditionalFiles —
    /// lower to the ModelDsl.Spec IR; each model becomes one <c>Name.g.cs</c>, a model with errors too (its forward
    /// throws naming them). Source output depends only on equatable models, so IDE edits elsewhere stay cached. The
    /// diagnostics are <see cref="ModelAnalyzer"/>'s; the generator reports only a failure to add a file (MDSL199).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var targets = context.SyntaxProvider
                .ForAttributeWithMetadataName(AttributeNames.Model, static (_, _) => true, static (ctx, ct) => ClassReader.Read(ctx, ct))
                .WithTrackingName(TrackingNames.ClassTargets);

            var classModels = targets
                .Select(static (target, _) => target.Model)
                .WithTrackingName(TrackingNames.ClassModels);

            var specFiles = context.AdditionalTextsProvider
                .Where(static file => file.Path.EndsWith(".mdsl", StringComparison.OrdinalIgnoreCase))
                .Select(static (file, ct) => new SpecText(file.Path, file.GetText(ct)?.ToString() ?? string.Empty))
                .WithTrackingName(TrackingNames.SpecFiles);

            var allSpecFiles = specFiles
                .Collect()
                .Select(static (files, _) => files.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray());

            var options = context.AnalyzerConfigOptionsProvider
                .Select(static (provider, _) => new BuildOptions(
                    provider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns) && !string.IsNullOrWhiteSpace(ns) ? ns.Trim() : string.Empty))
                .WithTrackingName(TrackingNames.BuildOptions);

            // Source output: equatable models only.
            var attributeOutputs = classModels
                .Where(static model => model is not null)
                .Combine(allSpecFiles)
                .Select(static (pair, ct) => ModelPipeline.EmitClass(pair.Left!, pair.Right, ct))
                .WithTrackingName(TrackingNames.AttributeOutputs);
            context.RegisterSourceOutput(attributeOutputs, static (spc, model) => AddSource(spc, model));

            var specOutputs = specFiles
                .Combine(options)
                .SelectMany(static (pair, ct) => ModelPipeline.EmitSpecFile(pair.Left, pair.Right, ct))
                .WithTrackingName(TrackingNames.SpecOutputs);
            context.RegisterSourceOutput(specOutputs, static (spc, model) => AddSource(spc, model));

            // Diagnostics come from ModelAnalyzer, which shares the front ends and lowering: language servers take
            // diagnostics from analyzers, and reporting them here as well would show each one twice in a build.
        }

        private static void AddSource(SourceProductionContext context, EmitModel? model)
        {
            if (model is null) return;
            try
            {
                context.AddSource(model.HintName, SourceText.From(ModelEmitter.Emit(model), System.Text.Encoding.UTF8));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Two models generating the same file (e.g. one spec model declared twice) or an emitter bug:
                // a diagnostic, not CS8785.
                context.ReportDiagnostic(Diagnostic.Create(Diagnostics.GeneratorDiagnostics.InternalError, Location.None, model.ClassName, ex.GetType().Name + ": " + ex.Message));
            }
        }
    }
}
