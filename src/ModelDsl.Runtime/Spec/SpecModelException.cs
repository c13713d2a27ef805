using ModelDsl.Spec.Diagnostics;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// A spec given at run time cannot become a model: it does not compile (the message lists its diagnostics
/// with file, line and column), or one of its layers has no runtime module (the message names the layer).
/// </summary>
public sealed class SpecModelException : Exception
{
    /// <summary>Creates the exception for <paramref name="model"/> with its compilation diagnostics.</summary>
    /// <param name="model">The model that was instantiated.</param>
    /// <param name="diagnostics">All diagnostics of the compilation; the errors go into the message.</param>
    public SpecModelException(string model, IReadOnlyList<SpecDiagnostic> diagnostics)
        : base($"Spec model '{model}' does not compile:{Environment.NewLine}" +
            string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == SpecSeverity.Error).Select(d => "  " + d)))
    {
        Model = model;
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception for a spec that compiles but cannot be built into runtime modules.</summary>
    /// <param name="model">The model that was instantiated.</param>
    /// <param name="message">What cannot be built and what to do about it.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public SpecModelException(string model, string message, Exception? inner = null)
        : base($"Spec model '{model}': {message}", inner)
    {
        Model = model;
        Diagnostics = [];
    }

    /// <summary>The model that was instantiated.</summary>
    public string Model { get; }

    /// <summary>All diagnostics of the compilation (empty when the failure is in building the modules).</summary>
    public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }
}
