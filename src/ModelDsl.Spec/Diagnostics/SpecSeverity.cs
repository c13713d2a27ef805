namespace ModelDsl.Spec.Diagnostics
{
    /// <summary>Severity of a spec diagnostic (maps one-to-one onto Roslyn's DiagnosticSeverity).</summary>
    public enum SpecSeverity
    {
        /// <summary>Informational.</summary>
        Info,

        /// <summary>Suspicious but the model still builds.</summary>
        Warning,

        /// <summary>The model cannot be built.</summary>
        Error,
    }
}
