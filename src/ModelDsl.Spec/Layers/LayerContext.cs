using System.Collections.Generic;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Layers
{
    /// <summary>What a layer sees during shape inference: its input shapes, its name, and a diagnostic sink.</summary>
    public sealed class LayerContext
    {
        private readonly ICollection<SpecDiagnostic> _diagnostics;

        /// <summary>Creates a context.</summary>
        public LayerContext(IReadOnlyList<TensorShape> inputs, string displayName, string typeName, SourceSpan span, ICollection<SpecDiagnostic> diagnostics)
        {
            Inputs = inputs;
            DisplayName = displayName;
            TypeName = typeName;
            Span = span;
            _diagnostics = diagnostics;
        }

        /// <summary>Input shapes, in order.</summary>
        public IReadOnlyList<TensorShape> Inputs { get; }

        /// <summary>The single input (most layers).</summary>
        public TensorShape Input => Inputs[0];

        /// <summary>The layer's display name (<c>conv2d_1</c>).</summary>
        public string DisplayName { get; }

        /// <summary>The layer's Keras type name (<c>Conv2D</c>).</summary>
        public string TypeName { get; }

        /// <summary>Where the layer is written.</summary>
        public SourceSpan Span { get; }

        /// <summary>Where the block instances holding the layer were called (innermost first); attached as notes to its diagnostics.</summary>
        public System.Collections.Generic.IEnumerable<SpecNote> CallSites { get; set; } = new SpecNote[0];

        /// <summary>Reports a diagnostic at the layer and returns <see cref="LayerOutcome.Failed"/>.</summary>
        public LayerOutcome Fail(SpecDiagnosticDescriptor descriptor, params object[] args)
        {
            _diagnostics.Add(SpecDiagnostic.Create(descriptor, Span, args).WithNotes(CallSites));
            return LayerOutcome.Failed;
        }

        /// <summary>Reports MDSL015 unless the input is an image.</summary>
        public bool RequireImage(out LayerOutcome failure)
        {
            failure = LayerOutcome.Failed;
            if (Input.IsImage) return true;
            failure = Fail(DiagnosticCatalog.WrongInputRank, DisplayName, TypeName, "CxHxW image", Input);
            return false;
        }

        /// <summary>Reports MDSL008 unless every output dimension is positive.</summary>
        public LayerOutcome Checked(LayerOutcome outcome)
        {
            if (outcome.Output is null || outcome.Output.IsValid) return outcome;
            return Fail(DiagnosticCatalog.NonPositiveDimension, DisplayName, TypeName, outcome.Output, Inputs.Count > 0 ? Input : outcome.Output);
        }
    }
}
