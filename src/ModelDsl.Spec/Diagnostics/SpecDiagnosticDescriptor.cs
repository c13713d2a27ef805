using System.Globalization;

namespace ModelDsl.Spec.Diagnostics
{
    /// <summary>
    /// One entry of <see cref="DiagnosticCatalog"/>: enough to build a Roslyn DiagnosticDescriptor.
    /// </summary>
    /// <param name="Id">Stable id, <c>MDSL0xx</c>.</param>
    /// <param name="Severity">Default severity.</param>
    /// <param name="Title">Short title.</param>
    /// <param name="MessageFormat">Composite format string ({0}, {1}, ...), formatted with invariant culture.</param>
    /// <param name="Help">What to do about it.</param>
    public sealed record SpecDiagnosticDescriptor(string Id, SpecSeverity Severity, string Title, string MessageFormat, string Help)
    {
        /// <summary>Category shared by all ModelDsl diagnostics.</summary>
        public const string Category = "ModelDsl";

        /// <summary>Formats the message with the given arguments.</summary>
        public string Format(params object[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
    }
}
