using System.Linq;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Graph
{
    /// <summary>
    /// A fully expanded model: blocks inlined, repeats unrolled, conditionals decided. Node 0 is the
    /// input; the last node is the output; nodes are in topological order.
    /// </summary>
    /// <param name="Name">The model name.</param>
    /// <param name="Nodes">The layers in topological order.</param>
    /// <param name="Span">Where the model is declared.</param>
    public sealed record ModelGraph(string Name, EquatableArray<GraphNode> Nodes, SourceSpan Span)
    {
        /// <summary>Grouping modules (named groups and block instances) in the order they open; empty for flat models.</summary>
        public EquatableArray<ContainerInfo> Containers { get; init; }

        /// <summary>The declared input shape (null when the graph has no input node).</summary>
        public TensorShape? InputShape => Nodes.Count > 0 && Nodes[0].Layer is InputLayer input ? input.Shape : null;

        /// <summary>The output node (the last one).</summary>
        public GraphNode? Output => Nodes.Count > 0 ? Nodes[Nodes.Count - 1] : null;

        /// <summary>True when every node takes exactly the previous node as input (a Sequential model).</summary>
        public bool IsSequential => Nodes.Skip(1).All(n => n.Inputs.Count == 1 && n.Inputs[0] == n.Id - 1);
    }
}
