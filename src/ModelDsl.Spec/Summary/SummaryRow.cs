using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Summary
{
    /// <summary>One layer's line of a summary, in both counting conventions.</summary>
    /// <param name="NodeId">The graph node.</param>
    /// <param name="DisplayName">Keras-style name (<c>conv2d_1</c>) or the explicit path.</param>
    /// <param name="KerasType">Keras class name (<c>Conv2D</c>).</param>
    /// <param name="TorchType">PyTorch module type (<c>Conv2d</c>).</param>
    /// <param name="ModulePath">Dotted module path (state_dict prefix).</param>
    /// <param name="OutputShape">Per-sample output shape (null when inference failed).</param>
    /// <param name="Params">Keras's Param #: trainable plus BatchNorm moving statistics.</param>
    /// <param name="TrainableParams">Trainable parameters (both conventions).</param>
    /// <param name="NonTrainableParams">Keras's non-trainable parameters (moving statistics).</param>
    /// <param name="Buffers">PyTorch buffer elements (running stats, num_batches_tracked).</param>
    /// <param name="MultAdds">Multiply-accumulates per sample.</param>
    /// <param name="Kernel">Kernel or pool size, when the layer has one.</param>
    /// <param name="ConnectedTo">Display names of the input nodes.</param>
    /// <param name="Depth">Nesting depth from the module path (1 = top level).</param>
    public sealed record SummaryRow(
        int NodeId,
        string DisplayName,
        string KerasType,
        string TorchType,
        string ModulePath,
        TensorShape? OutputShape,
        long Params,
        long TrainableParams,
        long NonTrainableParams,
        long Buffers,
        long MultAdds,
        IntPair? Kernel,
        EquatableArray<string> ConnectedTo,
        int Depth);
}
