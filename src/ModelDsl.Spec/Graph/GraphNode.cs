using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Graph
{
    /// <summary>One layer instance in an expanded model graph.</summary>
    /// <param name="Id">Index in <see cref="ModelGraph.Nodes"/>; inputs always have smaller ids (topological order).</param>
    /// <param name="Layer">The layer configuration.</param>
    /// <param name="Inputs">Ids of the nodes feeding it (empty for the input node).</param>
    /// <param name="ModulePath">Dotted module path as in PyTorch (<c>layer1.0.conv1</c>); state_dict keys are <c>ModulePath + "." + tensor name</c>.</param>
    /// <param name="DisplayName">Keras-style unique name (<c>conv2d_1</c>), or the module path when named explicitly.</param>
    /// <param name="Span">Where the layer is written (in a block body for block instances).</param>
    public sealed record GraphNode(int Id, LayerSpec Layer, EquatableArray<int> Inputs, string ModulePath, string DisplayName, SourceSpan Span)
    {
        /// <summary>Where the block instances holding this layer were called (innermost first), attached to its diagnostics.</summary>
        public EquatableArray<SpecNote> CallSites { get; init; }
    }
}
