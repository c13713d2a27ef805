using System.Linq;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Inference
{
    /// <summary>What shape inference learned about one node.</summary>
    /// <param name="NodeId">The node's id in the graph.</param>
    /// <param name="OutputShape">Per-sample output shape; null when this node or one of its inputs failed.</param>
    /// <param name="Weights">Its parameters and buffers, PyTorch-named and shaped.</param>
    /// <param name="MultAdds">Multiply-accumulates per sample.</param>
    /// <param name="ResolvedPads">Concrete pads of conv/pool/zero-padding layers ('same' resolved TensorFlow-style).</param>
    public sealed record NodeInfo(int NodeId, TensorShape? OutputShape, EquatableArray<WeightTensor> Weights, long MultAdds, Pads? ResolvedPads)
    {
        /// <summary>Trainable parameters (both conventions agree).</summary>
        public long TrainableParams => Sum(WeightRole.Trainable);

        /// <summary>Keras's non-trainable parameters: BatchNorm moving mean and variance.</summary>
        public long KerasNonTrainableParams => Sum(WeightRole.RunningStatistic);

        /// <summary>Keras's "Param #": trainable plus moving statistics.</summary>
        public long KerasParams => ShapeArithmetic.Sum(new[] { TrainableParams, KerasNonTrainableParams }, "the parameter count");

        /// <summary>PyTorch's parameter count (<c>sum(p.numel() for p in m.parameters())</c>).</summary>
        public long TorchParams => TrainableParams;

        /// <summary>PyTorch buffer elements: running mean/var and <c>num_batches_tracked</c>.</summary>
        public long TorchBufferElements => ShapeArithmetic.Sum(new[] { Sum(WeightRole.RunningStatistic), Sum(WeightRole.Counter) }, "the buffer element count");

        private long Sum(WeightRole role) => ShapeArithmetic.Sum(Weights.Where(w => w.Role == role).Select(w => w.ElementCount), "the parameter count");
    }
}
