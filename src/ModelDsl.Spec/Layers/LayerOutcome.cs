using System.Collections.Generic;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>What a layer computes from its input shapes.</summary>
    /// <param name="Output">The output shape, or null when an error was reported.</param>
    /// <param name="Weights">Its parameters and buffers.</param>
    /// <param name="MultAdds">Multiply-accumulates per sample (torchinfo's convention: weight elements times output positions).</param>
    /// <param name="ResolvedPads">Concrete pads for conv/pool/zero-padding layers ('same' resolved), else null.</param>
    public sealed record LayerOutcome(TensorShape? Output, IReadOnlyList<WeightTensor> Weights, long MultAdds, Pads? ResolvedPads)
    {
        /// <summary>A failed inference.</summary>
        public static LayerOutcome Failed { get; } = new LayerOutcome(null, new WeightTensor[0], 0, null);

        /// <summary>A shape-only outcome (no weights).</summary>
        public static LayerOutcome Shape(TensorShape output) => new LayerOutcome(output, new WeightTensor[0], 0, null);
    }
}
