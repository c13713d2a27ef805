using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>What a layer factory knows about one graph node when it builds the node's runtime module.</summary>
/// <param name="Node">The node: its layer, inputs and module path.</param>
/// <param name="Info">Shape inference's result for the node (output shape, weights, resolved pads).</param>
/// <param name="InputShapes">The per-sample shapes flowing into the node, in input order.</param>
public sealed record SpecLayerContext(GraphNode Node, NodeInfo Info, IReadOnlyList<TensorShape> InputShapes)
{
    /// <summary>The first (usually only) input's per-sample shape.</summary>
    public TensorShape Input => InputShapes[0];

    /// <summary>The node's per-sample output shape after inference.</summary>
    public TensorShape Output => Info.OutputShape
        ?? throw new InvalidOperationException($"Layer '{Node.ModulePath}' has no inferred output shape.");
}

/// <summary>
/// Builds the runtime module of a layer kind the runtime does not build itself (e.g. the preprocessing and
/// augmentation layers ModelDsl.Vision provides). Returns null to decline. The module is registered under
/// the node's module path, so its parameters and buffers appear in <c>state_dict()</c> under that prefix.
/// </summary>
/// <param name="context">The node to build.</param>
public delegate nn.Module<Tensor, Tensor>? SpecLayerFactory(SpecLayerContext context);
