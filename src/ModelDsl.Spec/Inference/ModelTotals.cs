using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Summary;

namespace ModelDsl.Spec.Inference
{
    /// <summary>
    /// The model-wide figures a summary shows (parameter, buffer and mult-add totals; input, activation and parameter
    /// bytes), accumulated node by node with checked 64-bit arithmetic so that the node at which one stops fitting
    /// gets the MDSL028 and a summary of a model without errors never overflows.
    /// </summary>
    internal sealed class ModelTotals
    {
        private long _kerasParams;
        private long _trainable;
        private long _nonTrainable;
        private long _buffers;
        private long _multAdds;
        private long _activationElements;
        private long _inputBytes;
        private bool _first = true;

        /// <summary>Adds one node's figures, in graph order (the first node is the input).</summary>
        /// <exception cref="ShapeOverflowException">A total no longer fits 64 bits.</exception>
        public void Add(NodeInfo node)
        {
            var elements = node.OutputShape?.ElementCount ?? 0;
            if (_first)
            {
                _first = false;
                _inputBytes = Bytes(elements, "the input size in bytes");
            }
            else
            {
                _activationElements = Add(_activationElements, elements, "the model's total activation count");
                Bytes(_activationElements, "the forward/backward pass size in bytes", 2);
            }
            _kerasParams = Add(_kerasParams, node.KerasParams, "the model's total parameter count");
            _trainable = Add(_trainable, node.TrainableParams, "the model's trainable parameter count");
            _nonTrainable = Add(_nonTrainable, node.KerasNonTrainableParams, "the model's non-trainable parameter count");
            _buffers = Add(_buffers, node.TorchBufferElements, "the model's buffer element count");
            _multAdds = Add(_multAdds, node.MultAdds, "the model's total mult-adds");
            var paramBytes = Bytes(_kerasParams, "the parameter size in bytes");
            var activationBytes = Bytes(_activationElements, "the forward/backward pass size in bytes", 2);
            ShapeArithmetic.Sum(new[] { _inputBytes, activationBytes, paramBytes }, "the estimated total size in bytes");
        }

        private static long Add(long total, long more, string what) => ShapeArithmetic.Sum(new[] { total, more }, what);

        private static long Bytes(long elements, string what, int copies = 1)
            => ShapeArithmetic.Product(copies == 1 ? new[] { elements, ModelSummary.BytesPerElement } : new[] { elements, ModelSummary.BytesPerElement, (long)copies }, what);
    }
}
