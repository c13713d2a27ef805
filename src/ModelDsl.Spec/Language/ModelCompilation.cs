using System.Linq;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;

namespace ModelDsl.Spec.Language
{
    /// <summary>One model of a spec, expanded and inferred.</summary>
    /// <param name="Name">The model name.</param>
    /// <param name="Graph">The expanded graph (null when the input shape is missing).</param>
    /// <param name="Inference">Shapes and weights (null when expansion had errors: later shapes would only mislead).</param>
    /// <param name="Diagnostics">Expansion and inference diagnostics of this model.</param>
    public sealed record ModelCompilation(string Name, ModelGraph? Graph, InferenceResult? Inference, EquatableArray<SpecDiagnostic> Diagnostics)
    {
        /// <summary>True when any diagnostic is an error.</summary>
        public bool HasErrors => Diagnostics.Any(d => d.Severity == SpecSeverity.Error);
    }
}
