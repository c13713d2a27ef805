using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Generators.Emit
{
    /// <summary>Turns a shape-checked IR graph into the <see cref="EmitModel"/> the emitter writes.</summary>
    internal static class GraphEmitter
    {
        /// <summary>
        /// Names a layer property may not take: the generated class's own members and the PascalCase members
        /// of TorchSharp's <c>Module</c> it would hide.
        /// </summary>
        private static readonly string[] ReservedNames =
        {
            "Summary", "SummaryText", "InputShape", "OutputShape", "Graph", "ForwardLogits", "HasLogits",
            "Dispose", "GetName", "RegisterComponents", "ClearModules", "ReplaceBuffer", "ReplaceParameter",
            "ConditionallyRegisterParameter", "ConditionallyRegisterBuffer", "HType",
            "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize",
        };

        /// <summary>Where the generated class goes, what it is called and whether the user documents it.</summary>
        internal sealed record Target(string Namespace, EquatableArray<string> ContainingTypes, string ClassName, string Accessibility, string HintName, string Origin, bool HasUserSummary = false);

        /// <summary>The shape handed to the layer mapper for a layer whose real input is unknown (only its member type is used).</summary>
        private static readonly TensorShape Placeholder = TensorShape.Of(1, 1, 1);

        /// <summary>The emit model, or null when the graph has errors (the diagnostics say why; no half-built code is emitted).</summary>
        public static EmitModel? Build(Target target, InferenceResult inference, CancellationToken cancellationToken)
        {
            if (inference.HasErrors || inference.Graph.InputShape is null || inference.Output?.OutputShape is null) return null;
            var graph = inference.Graph;
            var members = new List<ModuleMember>();
            var forward = new ForwardBuilder(graph);
            var usedNames = new HashSet<string>(ReservedNames, System.StringComparer.Ordinal) { target.ClassName };
            var byPath = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var fusablePools = new Dictionary<string, int>(System.StringComparer.Ordinal);
            foreach (var node in graph.Nodes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node.Layer is InputLayer) continue;
                var info = inference.Nodes[node.Id];
                var input = inference.Nodes[node.Inputs[0]].OutputShape!;
                var code = LayerCodeMapper.Map(node.Layer, input, info.ResolvedPads);
                var inputs = forward.InputsOf(node);
                string expression;
                if (code.Expression == LayerCodeMapper.AddMerge)
                {
                    expression = string.Join(" + ", inputs);
                }
                else if (code.Expression == LayerCodeMapper.MultiplyMerge)
                {
                    expression = string.Join(" * ", inputs);
                }
                else if (code.Expression.StartsWith("__CAT__", System.StringComparison.Ordinal))
                {
                    expression = $"global::TorchSharp.torch.cat(new[] {{ {string.Join(", ", inputs)} }}, {code.Expression.Substring(7)})";
                }
                else if (code.Expression.StartsWith("__UNSUPPORTED__", System.StringComparison.Ordinal))
                {
                    return null;
                }
                else
                {
                    expression = string.Format(CultureInfo.InvariantCulture, code.Expression.Replace("{m}", "\u0001"), inputs.Cast<object>().ToArray());
                }
                if (code.ModuleType is not null)
                {
                    // A module path seen before is one module called again (activation reuse, e.g. ResNet's
                    // single 'relu'): it is created and registered once, as in PyTorch.
                    if (!byPath.TryGetValue(node.ModulePath, out var property))
                    {
                        property = UniqueName(CSharp.PascalCase(node.DisplayName), usedNames);
                        byPath[node.ModulePath] = property;
                        members.Add(new ModuleMember(property, code.ModuleType, code.Construction!, node.ModulePath, MemberDoc(node, info)));
                        if (ReluPoolFusion.FusableWindow(node.Layer, info.ResolvedPads) is { } window) fusablePools[property] = window;
                    }
                    expression = expression.Replace("\u0001", property);
                }
                forward.Assign(node, expression);
            }
            forward.Return();
            var lines = ReluPoolFusion.Apply(forward.Lines, fusablePools);
            var logits = LogitsLines(lines);

            return new EmitModel(
                target.Namespace,
                target.ContainingTypes,
                target.ClassName,
                target.Accessibility,
                target.HintName,
                target.Origin,
                graph.InputShape.Dims.Select(d => (long)d).ToEquatableArray(),
                inference.Output.OutputShape.Dims.Select(d => (long)d).ToEquatableArray(),
                members.ToEquatableArray(),
                lines.ToEquatableArray(),
                SummaryCode.Build(inference),
                SummaryCode.Render(inference),
                GraphCode.TryBuild(graph),
                logits,
                EquatableArray<string>.Empty,
                target.HasUserSummary);
        }

        /// <summary>
        /// The emit model of a model with errors: the class with every layer property that can be derived (built and
        /// registered when its layer was checked, declared but null after the error), the declared input shape, and a
        /// <c>forward</c> that throws naming <paramref name="errors"/>. Code that uses the model then compiles, and only the
        /// model's own diagnostics show. <paramref name="graph"/> and <paramref name="inference"/> are null when lowering
        /// or inference did not get that far.
        /// </summary>
        public static EmitModel BuildWithErrors(Target target, ModelGraph? graph, InferenceResult? inference, IReadOnlyList<string> errors, CancellationToken cancellationToken)
        {
            var members = new List<ModuleMember>();
            var usedNames = new HashSet<string>(ReservedNames, System.StringComparer.Ordinal) { target.ClassName };
            var byPath = new HashSet<string>(System.StringComparer.Ordinal);
            if (graph is not null)
            {
                foreach (var node in graph.Nodes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (node.Layer is InputLayer || byPath.Contains(node.ModulePath)) continue;
                    var info = inference is not null && node.Id < inference.Nodes.Count ? inference.Nodes[node.Id] : null;
                    var input = inference is not null && node.Inputs.Count > 0 && node.Inputs[0] < inference.Nodes.Count ? inference.Nodes[node.Inputs[0]]?.OutputShape : null;
                    var isChecked = info?.OutputShape is not null && input is not null;
                    LayerCode code;
                    try
                    {
                        code = LayerCodeMapper.Map(node.Layer, isChecked ? input! : Placeholder, isChecked ? info!.ResolvedPads : null);
                    }
                    catch (System.Exception ex) when (ex is System.ArgumentException || ex is System.ArithmeticException || ex is System.IndexOutOfRangeException)
                    {
                        continue; // a configuration the mapper cannot read: no member rather than no class.
                    }
                    if (code.ModuleType is null || code.Expression.StartsWith("__UNSUPPORTED__", System.StringComparison.Ordinal)) continue;
                    byPath.Add(node.ModulePath);
                    var property = UniqueName(CSharp.PascalCase(node.DisplayName), usedNames);
                    members.Add(isChecked
                        ? new ModuleMember(property, code.ModuleType, code.Construction!, node.ModulePath, MemberDoc(node, info!))
                        : new ModuleMember(property, code.ModuleType, "null!", node.ModulePath, NotBuiltDoc(node), IsBuilt: false));
                }
            }
            var endsInSoftmax = graph is { Nodes.Count: > 1 } && graph.Nodes[graph.Nodes.Count - 1].Layer.AppliedActivation == ActivationKind.Softmax;
            var output = inference?.Output?.OutputShape;
            return new EmitModel(
                target.Namespace,
                target.ContainingTypes,
                target.ClassName,
                target.Accessibility,
                target.HintName,
                target.Origin,
                graph?.InputShape is { } shape ? shape.Dims.Select(d => (long)d).ToEquatableArray() : EquatableArray<long>.Empty,
                output is not null && errors.Count == 0 ? output.Dims.Select(d => (long)d).ToEquatableArray() : EquatableArray<long>.Empty,
                members.ToEquatableArray(),
                EquatableArray<string>.Empty,
                EquatableArray<string>.Empty,
                ErrorText(target.ClassName, errors),
                EquatableArray<string>.Empty,
                endsInSoftmax ? EquatableArray.Of("throw") : EquatableArray<string>.Empty,
                errors.ToEquatableArray(),
                target.HasUserSummary);
        }

        /// <summary>The text a model with errors throws and shows as its summary text.</summary>
        public static string ErrorText(string className, IEnumerable<string> errors)
            => $"Model '{className}' has errors and cannot run; fix them and rebuild:\n" + string.Join("\n", errors);

        /// <summary>
        /// forward without the final softmax, so training can use log-softmax + NLL on the logits (stable, as
        /// Keras does for softmax-ended models); empty when the model does not end in softmax.
        /// </summary>
        private static EquatableArray<string> LogitsLines(IReadOnlyList<string> lines)
        {
            const string Softmax = LayerCodeMapper.F + "softmax(";
            const string Suffix = ", 1);";
            if (lines.Count < 2) return EquatableArray<string>.Empty;
            var last = lines[lines.Count - 2];
            var eq = last.IndexOf(" = ", System.StringComparison.Ordinal);
            if (eq < 0 || !last.EndsWith(Suffix, System.StringComparison.Ordinal)) return EquatableArray<string>.Empty;
            var target = last.Substring(0, eq);
            var value = last.Substring(eq + 3);
            if (!value.StartsWith(Softmax, System.StringComparison.Ordinal)) return EquatableArray<string>.Empty;
            var inner = value.Substring(Softmax.Length, value.Length - Softmax.Length - Suffix.Length);
            var result = lines.Take(lines.Count - 2).ToList();
            result.Add("return " + inner + ";");
            return result.ToEquatableArray();
        }

        private static string UniqueName(string name, HashSet<string> used)
        {
            var candidate = name;
            for (var i = 2; !used.Add(candidate); i++) candidate = name + "_" + i.ToString(CultureInfo.InvariantCulture);
            return candidate;
        }

        private static string NotBuiltDoc(GraphNode node)
            => Xml.Escape($"<c>{node.DisplayName}</c> ({Spec.Catalog.LayerCatalog.DescriptorOf(node.Layer).KerasType}): not built (null), because the model has errors at or before this layer; state_dict prefix <c>{node.ModulePath}</c>.")
                .Replace("&lt;c&gt;", "<c>").Replace("&lt;/c&gt;", "</c>");

        private static string MemberDoc(GraphNode node, NodeInfo info)
        {
            var type = Spec.Catalog.LayerCatalog.DescriptorOf(node.Layer).KerasType;
            var parameters = info.TrainableParams + info.KerasNonTrainableParams;
            return Xml.Escape($"<c>{node.DisplayName}</c> ({type}): output {info.OutputShape}, {parameters.ToString("N0", CultureInfo.InvariantCulture)} params; state_dict prefix <c>{node.ModulePath}</c>.")
                .Replace("&lt;c&gt;", "<c>").Replace("&lt;/c&gt;", "</c>");
        }
    }
}
