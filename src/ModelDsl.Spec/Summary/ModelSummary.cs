using System.Linq;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Summary
{
    /// <summary>
    /// A model summary as data (torchinfo's ModelStatistics idea): rows plus totals in Keras's
    /// convention (moving statistics are non-trainable parameters) and PyTorch's (they are buffers).
    /// Rendering is separate: <see cref="KerasSummaryRenderer"/>, <see cref="TorchinfoSummaryRenderer"/>.
    /// </summary>
    /// <param name="ModelName">The model name.</param>
    /// <param name="InputShape">Per-sample input shape.</param>
    /// <param name="Rows">One row per node, input included (renderers decide whether to show it).</param>
    /// <param name="IsSequential">True when every layer feeds the next (Keras then omits Connected to).</param>
    public sealed record ModelSummary(string ModelName, TensorShape? InputShape, EquatableArray<SummaryRow> Rows, bool IsSequential)
    {
        /// <summary>Grouping modules (named groups, block instances) for hierarchical views.</summary>
        public EquatableArray<Graph.ContainerInfo> Containers { get; init; }

        /// <summary>Bytes per element of float32 tensors, used for the size estimates.</summary>
        public const int BytesPerElement = 4;

        /// <summary>Keras's "Total params".</summary>
        public long KerasTotalParams => Rows.Sum(r => r.Params);

        /// <summary>Trainable parameters (both conventions agree).</summary>
        public long TrainableParams => Rows.Sum(r => r.TrainableParams);

        /// <summary>Keras's "Non-trainable params".</summary>
        public long KerasNonTrainableParams => Rows.Sum(r => r.NonTrainableParams);

        /// <summary>PyTorch's parameter count (everything in parameters() is trainable here).</summary>
        public long TorchParams => TrainableParams;

        /// <summary>PyTorch's buffer elements.</summary>
        public long TorchBufferElements => Rows.Sum(r => r.Buffers);

        /// <summary>Mult-adds per sample.</summary>
        public long MultAdds => Rows.Sum(r => r.MultAdds);

        /// <summary>Input bytes for one sample.</summary>
        public long InputBytes => Bytes(InputShape?.ElementCount ?? 0, 1);

        /// <summary>Activation bytes kept for forward and backward, one sample (torchinfo: outputs x 2).</summary>
        public long ForwardBackwardBytes => Bytes(Rows.Skip(1).Sum(r => r.OutputShape?.ElementCount ?? 0), 2);

        /// <summary>Parameter bytes (PyTorch's parameters, float32).</summary>
        public long ParamBytes => Bytes(TorchParams, 1);

        /// <summary>Input, forward/backward and parameter bytes together (torchinfo's "Estimated Total Size").</summary>
        public long TotalBytes => checked(InputBytes + ForwardBackwardBytes + ParamBytes);

        // Checked: shape inference reports MDSL028 for a model whose figures do not fit, so a summary of a model
        // without errors never throws here; one built by hand with impossible rows throws rather than wraps.
        private static long Bytes(long elements, int copies) => checked(elements * BytesPerElement * copies);

        /// <summary>Summarises an inference result.</summary>
        public static ModelSummary From(InferenceResult result)
        {
            var graph = result.Graph;
            var rows = graph.Nodes.Select(node =>
            {
                var info = result.Nodes[node.Id];
                var descriptor = LayerCatalog.DescriptorOf(node.Layer);
                return new SummaryRow(
                    node.Id,
                    node.DisplayName,
                    descriptor.KerasType,
                    descriptor.TorchType,
                    node.ModulePath,
                    info.OutputShape,
                    info.KerasParams,
                    info.TrainableParams,
                    info.KerasNonTrainableParams,
                    info.TorchBufferElements,
                    info.MultAdds,
                    node.Layer.KernelSize,
                    node.Inputs.Select(i => graph.Nodes[i].DisplayName).ToEquatableArray(),
                    node.ModulePath.Split('.').Length);
            });
            return new ModelSummary(graph.Name, graph.InputShape, rows.ToEquatableArray(), graph.IsSequential) { Containers = graph.Containers };
        }
    }
}
