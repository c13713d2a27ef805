using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// One entry of a spec model's layer list, numbered the Keras way: every graph node in topological
/// order, the input layer at index 0 — so <c>Layers[..15]</c> means what Keras's <c>model.layers[:15]</c>
/// means for a spec written layer by layer as the Keras model is. (Torchvision-style specs list ReLU as
/// its own node where Keras fuses it into the conv; there the indices count those nodes too.)
/// </summary>
/// <param name="Index">Position in the list (graph node id).</param>
/// <param name="Path">Module path, e.g. <c>features.28</c> or <c>layer4.2.conv3</c>; also the state_dict prefix.</param>
/// <param name="Kind">The layer kind.</param>
/// <param name="OutputShape">Per-sample output shape.</param>
/// <param name="Module">The TorchSharp module, or null for input/add/multiply/concatenate nodes.</param>
/// <param name="Node">The IR node.</param>
public sealed record SpecLayer(int Index, string Path, LayerKind Kind, TensorShape? OutputShape, nn.Module<Tensor, Tensor>? Module, GraphNode Node)
{
    /// <summary>Whether the layer holds parameters.</summary>
    public bool HasParameters => Module is not null && Module.parameters().Any();

    /// <summary>True when the layer has parameters and none of them requires a gradient.</summary>
    public bool IsFrozen => HasParameters && Module!.parameters().All(p => !p.requires_grad);
}
