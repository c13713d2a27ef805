namespace ModelDsl.Runtime.Inference;

/// <summary>
/// A module whose layers are registered under the module paths of a ModelDsl graph, which it exposes so
/// <see cref="InferencePath"/> can prepare it for inference: the plan follows the graph (layers, fused activations,
/// inputs) and finds each layer's TorchSharp module by its path. Generated models implement it with the graph the
/// generator checked (their static <c>Graph</c>); <see cref="Spec.SpecModule"/> is prepared without it; a hand-written
/// module whose layers sit at a spec's paths can implement it with that spec's graph.
/// </summary>
/// <remarks>
/// Layers the graph names but the module does not register (functional ones such as flatten, channel shuffle or global
/// pooling, which generated code calls inline) are run by weightless modules the plan builds from the graph. A graph
/// the plan cannot follow (e.g. average pooling with asymmetric pads) makes <see cref="InferencePath.For"/> return
/// null, and the model runs its own forward.
/// </remarks>
public interface IInferenceGraph
{
    /// <summary>The model's layer graph (node 0 the input, nodes in topological order), shape-checked and without errors.</summary>
    ModelDsl.Spec.Graph.ModelGraph Graph { get; }
}
