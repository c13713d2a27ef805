using System.Collections.Generic;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;

namespace ModelDsl.Generators.Lowering
{
    /// <summary>A front end's result: the IR graph (null when it could not be built) and the diagnostics found on the way.</summary>
    internal sealed class LoweredModel
    {
        public LoweredModel(ModelGraph? graph, IReadOnlyList<SpecDiagnostic> diagnostics, IReadOnlyDictionary<int, LayerAttributeModel>? sources = null)
        {
            Graph = graph;
            Diagnostics = diagnostics;
            Sources = sources ?? new Dictionary<int, LayerAttributeModel>();
        }

        /// <summary>For attribute models: the attribute each graph node was built from (node id to attribute).</summary>
        public IReadOnlyDictionary<int, LayerAttributeModel> Sources { get; }

        /// <summary>The graph, or null.</summary>
        public ModelGraph? Graph { get; }

        /// <summary>Diagnostics with spans in the front end's terms (C# attribute spans or .mdsl positions).</summary>
        public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }
    }
}
