using System.Collections.Generic;
using System.Threading;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Inference
{
    /// <summary>
    /// Walks a graph in topological order, asking each layer for its output shape, weights and
    /// mult-adds, then runs the graph-wide checks (duplicate names, softmax placement).
    /// A node whose input failed is skipped silently so one mistake gives one diagnostic.
    /// </summary>
    public static class ShapeInference
    {
        /// <summary>Infers the whole graph. Never throws on a malformed graph; problems become diagnostics.</summary>
        public static InferenceResult Infer(ModelGraph graph, CancellationToken cancellationToken = default)
        {
            var diagnostics = new List<SpecDiagnostic>();
            var infos = new NodeInfo[graph.Nodes.Count];
            if (graph.InputShape is null)
            {
                diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.MissingInput, graph.Span, graph.Name));
            }
            var totals = new ModelTotals();
            var totalsFit = true;
            foreach (var node in graph.Nodes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var info = InferNode(node, infos, diagnostics);
                infos[node.Id] = info;
                if (totalsFit) totalsFit = AddToTotals(totals, node, infos, diagnostics);
            }
            CheckNames(graph, infos, diagnostics);
            CheckSoftmax(graph, diagnostics);
            return new InferenceResult(graph, infos.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        private static NodeInfo InferNode(GraphNode node, NodeInfo[] infos, List<SpecDiagnostic> diagnostics)
        {
            var inputs = new List<TensorShape>();
            foreach (var id in node.Inputs)
            {
                var shape = id >= 0 && id < node.Id ? infos[id]?.OutputShape : null;
                if (shape is null) return Empty(node.Id);
                inputs.Add(shape);
            }
            if (inputs.Count == 0 && node.Layer.Kind != LayerKind.Input) return Empty(node.Id);
            var type = LayerCatalog.DescriptorOf(node.Layer).KerasType;
            var context = new LayerContext(inputs, node.DisplayName, type, node.Span, diagnostics) { CallSites = node.CallSites };
            LayerOutcome outcome;
            try
            {
                outcome = node.Layer.Infer(context);
                // Every figure a summary shows of this node, computed here so an overflow is reported at this node.
                Touch(new NodeInfo(node.Id, outcome.Output, outcome.Weights.ToEquatableArray(), outcome.MultAdds, outcome.ResolvedPads));
            }
            catch (ShapeOverflowException ex)
            {
                outcome = context.Fail(DiagnosticCatalog.SizeOverflow, node.DisplayName, type, ex.Quantity, ex.Limit, InputText(node, inputs));
            }
            catch (System.OverflowException)
            {
                outcome = context.Fail(DiagnosticCatalog.SizeOverflow, node.DisplayName, type, "its size arithmetic", ShapeArithmetic.CountLimit, InputText(node, inputs));
            }
            catch (System.Exception ex) when (ex is System.ArithmeticException || ex is System.ArgumentException || ex is System.IndexOutOfRangeException)
            {
                // Safety net for hand-built graphs with values the binder would have rejected:
                // a diagnostic instead of a crashed generator.
                outcome = context.Fail(DiagnosticCatalog.BadArgument, "configuration", node.DisplayName, ex.Message);
            }
            if (outcome.Output != null && !outcome.Output.IsValid)
            {
                outcome = context.Checked(outcome);
            }
            return new NodeInfo(node.Id, outcome.Output, outcome.Weights.ToEquatableArray(), outcome.MultAdds, outcome.ResolvedPads);
        }

        private static NodeInfo Empty(int id) => new NodeInfo(id, null, default, 0, null);

        private static void Touch(NodeInfo info)
        {
            _ = info.OutputShape?.ElementCount;
            _ = info.KerasParams;
            _ = info.TorchBufferElements;
            if (info.MultAdds < 0) throw new System.OverflowException();
        }

        // The model-wide totals; after the first that overflows (reported at its node) the rest are not summed.
        private static bool AddToTotals(ModelTotals totals, GraphNode node, NodeInfo[] infos, List<SpecDiagnostic> diagnostics)
        {
            try
            {
                totals.Add(infos[node.Id]);
                return true;
            }
            catch (ShapeOverflowException ex)
            {
                var type = LayerCatalog.DescriptorOf(node.Layer).KerasType;
                var inputs = new List<TensorShape>();
                foreach (var id in node.Inputs)
                {
                    if (id >= 0 && id < node.Id && infos[id]?.OutputShape is { } shape) inputs.Add(shape);
                }
                diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.SizeOverflow, node.Span, node.DisplayName, type, ex.Quantity, ex.Limit,
                    InputText(node, inputs)).WithNotes(node.CallSites));
                return false;
            }
        }

        private static string InputText(GraphNode node, List<TensorShape> inputs)
            => inputs.Count > 0 ? inputs[0].ToString() : node.Layer is InputLayer input ? input.Shape.ToString() : "none";

        private static void CheckNames(ModelGraph graph, NodeInfo[] infos, List<SpecDiagnostic> diagnostics)
        {
            var paths = new Dictionary<string, GraphNode>();
            var names = new HashSet<string>();
            foreach (var node in graph.Nodes)
            {
                if (paths.TryGetValue(node.ModulePath, out var first))
                {
                    // torchvision calls one weightless module at several places (BasicBlock's self.relu):
                    // the same label on identical weightless layers is that one module, used again.
                    if (IsReuse(first, node, infos)) continue;
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.DuplicateName, node.Span, node.ModulePath).WithNotes(node.CallSites));
                }
                else if (!names.Add(node.DisplayName))
                {
                    paths[node.ModulePath] = node;
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.DuplicateName, node.Span, node.DisplayName).WithNotes(node.CallSites));
                }
                else
                {
                    paths[node.ModulePath] = node;
                }
            }
        }

        private static bool IsReuse(GraphNode first, GraphNode again, NodeInfo[] infos)
            => first.Layer.Equals(again.Layer) && first.DisplayName == again.DisplayName && first.DisplayName == first.ModulePath
                && infos[first.Id]?.Weights.Count == 0 && infos[again.Id]?.Weights.Count == 0
                && infos[first.Id]?.OutputShape != null && infos[again.Id]?.OutputShape != null;

        private static void CheckSoftmax(ModelGraph graph, List<SpecDiagnostic> diagnostics)
        {
            for (var i = 0; i < graph.Nodes.Count - 1; i++)
            {
                var node = graph.Nodes[i];
                if (node.Layer.AppliedActivation == ActivationKind.Softmax)
                {
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.SoftmaxNotLast, node.Span, node.DisplayName));
                }
            }
        }
    }
}
