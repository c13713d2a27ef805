using System.Collections.Generic;
using System.Linq;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;

namespace ModelDsl.Spec.Inference
{
    /// <summary>A graph with its inferred shapes, weights and diagnostics.</summary>
    /// <param name="Graph">The model graph.</param>
    /// <param name="Nodes">Per-node results, indexed like <see cref="ModelGraph.Nodes"/>.</param>
    /// <param name="Diagnostics">Every problem found.</param>
    public sealed record InferenceResult(ModelGraph Graph, EquatableArray<NodeInfo> Nodes, EquatableArray<SpecDiagnostic> Diagnostics)
    {
        /// <summary>True when any diagnostic is an error.</summary>
        public bool HasErrors => Diagnostics.Any(d => d.Severity == SpecSeverity.Error);

        /// <summary>Trainable parameters.</summary>
        public long TrainableParams => Nodes.Sum(n => n.TrainableParams);

        /// <summary>Keras's total ("Total params"): trainable plus BatchNorm moving statistics.</summary>
        public long KerasTotalParams => Nodes.Sum(n => n.KerasParams);

        /// <summary>Keras's "Non-trainable params".</summary>
        public long KerasNonTrainableParams => Nodes.Sum(n => n.KerasNonTrainableParams);

        /// <summary>PyTorch's parameter count.</summary>
        public long TorchParams => Nodes.Sum(n => n.TorchParams);

        /// <summary>PyTorch's buffer elements (running stats and num_batches_tracked).</summary>
        public long TorchBufferElements => Nodes.Sum(n => n.TorchBufferElements);

        /// <summary>Mult-adds per sample.</summary>
        public long MultAdds => Nodes.Sum(n => n.MultAdds);

        /// <summary>The model's output node info.</summary>
        public NodeInfo? Output => Nodes.Count > 0 ? Nodes[Nodes.Count - 1] : null;

        /// <summary>State_dict entries in module order, as PyTorch lists them (parameters then buffers per module).</summary>
        public IEnumerable<StateEntry> StateDict()
        {
            foreach (var node in Graph.Nodes)
            {
                foreach (var w in Nodes[node.Id].Weights)
                {
                    yield return new StateEntry(node.ModulePath + "." + w.Name, node.Id, w);
                }
            }
        }
    }
}
