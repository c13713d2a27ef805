using System.Collections.Generic;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;

namespace ModelDsl.Generators.Lowering
{
    /// <summary>
    /// Shape inference reports at a layer's span (the whole attribute). Where one argument is the cause —
    /// the kernel that no longer fits, the groups that do not divide — point at that argument instead, which
    /// is where the developer will change it (and where the "use same padding" fix applies).
    /// </summary>
    internal static class ArgumentTargeting
    {
        /// <summary>The diagnostic, moved to the responsible argument when it has one.</summary>
        public static SpecDiagnostic Retarget(SpecDiagnostic diagnostic, ModelGraph graph, IReadOnlyDictionary<int, LayerAttributeModel> sources)
        {
            var argument = ResponsibleArgument(diagnostic.Id);
            if (argument is null) return diagnostic;
            foreach (var node in graph.Nodes)
            {
                if (node.Span != diagnostic.Span || !sources.TryGetValue(node.Id, out var layer)) continue;
                foreach (var name in argument)
                {
                    var arg = layer.Find(name);
                    if (arg is { IsExplicit: true }) return diagnostic with { Span = arg.Span };
                }
            }
            return diagnostic;
        }

        private static string[]? ResponsibleArgument(string id)
        {
            if (id == DiagnosticCatalog.KernelLargerThanInput.Id) return new[] { "kernel", "pool" };
            if (id == DiagnosticCatalog.GroupsMismatch.Id) return new[] { "Groups" };
            return null;
        }
    }
}
