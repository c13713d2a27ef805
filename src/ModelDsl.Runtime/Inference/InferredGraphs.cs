using System.Runtime.CompilerServices;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Language;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// The shape inference of graphs handed over as graphs (a generated model's static <c>Graph</c>): run once per graph
/// instance and kept while the graph lives, so a plan rebuilt after a training step does not infer again.
/// </summary>
internal static class InferredGraphs
{
    private static readonly ConditionalWeakTable<ModelGraph, ModelCompilation> Compiled = new();

    /// <summary>The graph with its inferred shapes, pads and diagnostics.</summary>
    public static ModelCompilation Compile(ModelGraph graph) => Compiled.GetValue(graph, static g =>
    {
        var inference = ShapeInference.Infer(g);
        return new ModelCompilation(g.Name, g, inference, inference.Diagnostics.ToEquatableArray());
    });
}
