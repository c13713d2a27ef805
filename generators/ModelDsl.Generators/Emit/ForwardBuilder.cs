using System.Collections.Generic;
using System.Linq;
using ModelDsl.Spec.Graph;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// Orders a graph's forward statements: a value flows in <c>x</c> while the next node is its only
    /// consumer; a value read later (a residual input, a branch) gets its own local named after the layer.
    /// </summary>
    internal sealed class ForwardBuilder
    {
        private readonly ModelGraph _graph;
        private readonly List<int>[] _consumers;
        private readonly string[] _values;
        private readonly List<string> _lines = new List<string>();
        private readonly HashSet<string> _locals = new HashSet<string>(System.StringComparer.Ordinal);
        private bool _xDeclared;

        public ForwardBuilder(ModelGraph graph)
        {
            _graph = graph;
            _consumers = new List<int>[graph.Nodes.Count];
            for (var i = 0; i < _consumers.Length; i++) _consumers[i] = new List<int>();
            foreach (var node in graph.Nodes)
            {
                foreach (var input in node.Inputs) _consumers[input].Add(node.Id);
            }
            _values = new string[graph.Nodes.Count];
            _values[0] = "input";
        }

        /// <summary>The statements written so far.</summary>
        public IReadOnlyList<string> Lines => _lines;

        /// <summary>The C# expressions holding each input of <paramref name="node"/>.</summary>
        public string[] InputsOf(GraphNode node) => node.Inputs.Select(i => _values[i]).ToArray();

        /// <summary>Writes the statement computing <paramref name="node"/> as <paramref name="expression"/>.</summary>
        public void Assign(GraphNode node, string expression)
        {
            var flowsOn = _consumers[node.Id].Count == 1 && _consumers[node.Id][0] == node.Id + 1 && _graph.Nodes[node.Id + 1].Inputs.Count == 1;
            if (flowsOn || _consumers[node.Id].Count == 0)
            {
                _lines.Add((_xDeclared ? "x = " : "var x = ") + expression + ";");
                _xDeclared = true;
                _values[node.Id] = "x";
            }
            else
            {
                var local = LocalName(node);
                // A reused module (one path, several calls) has one display name for several values.
                for (var i = 2; !_locals.Add(local); i++) local = LocalName(node) + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _lines.Add("var " + local + " = " + expression + ";");
                _values[node.Id] = local;
            }
        }

        /// <summary>Writes the return of the last node's value.</summary>
        public void Return() => _lines.Add("return " + _values[_graph.Nodes.Count - 1] + ";");

        private static string LocalName(GraphNode node)
        {
            var pascal = CSharp.PascalCase(node.DisplayName);
            var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
            return camel == "x" || camel == "input" ? camel + "Out" : camel;
        }
    }
}
