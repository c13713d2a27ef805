using Microsoft.CodeAnalysis;

namespace ModelDsl.Generators.Diagnostics
{
    /// <summary>
    /// The C#-side diagnostics (MDSL1xx): mistakes in how a class is declared or attributed, which the
    /// Spec catalogue (MDSL0xx, about architectures) cannot know about.
    /// </summary>
    /// <remarks>To add one: a descriptor here, a line in AnalyzerReleases.Unshipped.md, a test asserting its span.</remarks>
    public static class GeneratorDiagnostics
    {
        private const string Category = "ModelDsl";
        private const string HelpBase = "https://github.com/modeldsl/modeldsl/blob/main/generators/ModelDsl.Generators/README.md#";

        /// <summary>MDSL101: a model class must be partial so the generator can add to it.</summary>
        public static readonly DiagnosticDescriptor ClassNotPartial = Create(
            "MDSL101", "Model class must be partial",
            "The model class '{0}' must be declared 'partial' so ModelDsl can generate its layers and forward",
            DiagnosticSeverity.Error);

        /// <summary>MDSL102: the attribute sits on something the generator cannot extend.</summary>
        public static readonly DiagnosticDescriptor NotAModelClass = Create(
            "MDSL102", "Model must be a non-static, non-generic class",
            "'{0}' cannot be a model: {1}",
            DiagnosticSeverity.Error);

        /// <summary>MDSL103: an attribute is used where it means nothing or with an argument it cannot take.</summary>
        public static readonly DiagnosticDescriptor AttributeMisuse = Create(
            "MDSL103", "ModelDsl attribute misused",
            "{0}",
            DiagnosticSeverity.Error);

        /// <summary>MDSL104: <c>[ModelSpec("X")]</c> names a model no .mdsl AdditionalFile declares.</summary>
        public static readonly DiagnosticDescriptor SpecNotFound = Create(
            "MDSL104", "Spec model not found",
            "No model named '{0}' in the project's .mdsl AdditionalFiles{1}",
            DiagnosticSeverity.Error);

        /// <summary>MDSL105: an enclosing type of a model class is not partial.</summary>
        public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
            "MDSL105", "Enclosing type must be partial",
            "The type '{0}' enclosing model '{1}' must be declared 'partial'",
            DiagnosticSeverity.Error);

        /// <summary>MDSL106: blocks use each other in a cycle.</summary>
        public static readonly DiagnosticDescriptor BlockCycle = Create(
            "MDSL106", "Blocks use each other in a cycle",
            "Block '{0}' uses itself through {1}",
            DiagnosticSeverity.Error);

        /// <summary>MDSL199: a bug in the generator, reported instead of crashing the build (CS8785).</summary>
        public static readonly DiagnosticDescriptor InternalError = Create(
            "MDSL199", "ModelDsl generator internal error",
            "ModelDsl could not process '{0}': {1}. Please report this with the model's declaration.",
            DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
            => new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
    }
}
