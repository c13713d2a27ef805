using ModelDsl.Spec.Diagnostics;

namespace ModelDsl.Torch.Spec;

/// <summary>A spec given at run time does not compile; the message lists its diagnostics with file, line and column.</summary>
public sealed class SpecModelException : Exception
{
    /// <summary>Creates the exception for <paramref name="model"/> with its diagnostics.</summary>
    public SpecModelException(string model, IReadOnlyList<SpecDiagnostic> diagnostics)
        : base($"Spec model '{model}' does not compile:{Environment.NewLine}" +
            string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == SpecSeverity.Error).Select(d => "  " + d)))
    {
        Model = model;
        Diagnostics = diagnostics;
    }

    /// <summary>The model that was instantiated.</summary>
    public string Model { get; }

    /// <summary>All diagnostics of the compilation.</summary>
    public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }
}
