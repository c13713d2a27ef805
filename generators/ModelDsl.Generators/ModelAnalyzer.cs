using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelDsl.Generators.Analysis;
using ModelDsl.Generators.Diagnostics;
using ModelDsl.Generators.FrontEnd;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Collections;

namespace ModelDsl.Generators
{
    /// <summary>
    /// Reports every ModelDsl diagnostic: for <c>[Model]</c> classes at the attribute argument, attribute or class
    /// name, and for <c>*.mdsl</c> AdditionalFiles at their line and column. It runs the same front ends, lowering and
    /// shape inference as <see cref="ModelGenerator"/>, which reports none of these: editors and language servers take
    /// diagnostics from analyzers (<c>CompilationWithAnalyzers</c>), not from generator drivers, and a build shows each
    /// diagnostic once.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                // Spec files are read and parsed once per compilation, for every [ModelSpec] class and the file itself.
                var specs = new SpecFileCache(start.Options.AdditionalFiles);
                var modelAttribute = start.Compilation.GetTypeByMetadataName(AttributeNames.Model);
                if (modelAttribute is not null)
                {
                    start.RegisterSymbolAction(symbol => AnalyzeClass(symbol, modelAttribute, specs), SymbolKind.NamedType);
                }
                start.RegisterAdditionalFileAction(file => AnalyzeSpecFile(file, specs));
            });
        }

        private static void AnalyzeClass(SymbolAnalysisContext context, INamedTypeSymbol modelAttribute, SpecFileCache specs)
        {
            var symbol = (INamedTypeSymbol)context.Symbol;
            var modelData = symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, modelAttribute));
            // The declaration that carries [Model], as the generator's ForAttributeWithMetadataName sees it.
            if (modelData?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).Parent?.Parent is not TypeDeclarationSyntax declaration) return;
            var target = ClassReader.Read(symbol, declaration, modelData, context.CancellationToken);
            var texts = target.Model?.SpecName is null ? EquatableArray<SpecText>.Empty : specs.Texts(context.CancellationToken);
            foreach (var diagnostic in ModelPipeline.DiagnoseClass(target, texts, specs.Parse, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        private static void AnalyzeSpecFile(AdditionalFileAnalysisContext context, SpecFileCache specs)
        {
            if (!SpecFileCache.IsSpec(context.AdditionalFile)) return;
            var file = specs.Text(context.AdditionalFile, context.CancellationToken);
            foreach (var diagnostic in ModelPipeline.DiagnoseSpecFile(file, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
