using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Graph
{
    /// <summary>
    /// Builds a <see cref="ModelGraph"/> node by node, assigning Keras-style display names
    /// (<c>conv2d</c>, <c>conv2d_1</c>, ...). The attribute front end uses it for sequential models;
    /// the text elaborator uses it with explicit module paths.
    /// </summary>
    public sealed class ModelGraphBuilder
    {
        private readonly List<GraphNode> _nodes = new List<GraphNode>();
        private readonly List<ContainerInfo> _containers = new List<ContainerInfo>();
        private readonly Dictionary<string, int> _nameCounters = new Dictionary<string, int>();
        private readonly HashSet<string> _displayNames = new HashSet<string>();
        private readonly string _name;
        private readonly SourceSpan _span;

        /// <summary>Starts a graph.</summary>
        public ModelGraphBuilder(string name, SourceSpan span)
        {
            _name = name;
            _span = span;
        }

        /// <summary>Number of nodes so far.</summary>
        public int Count => _nodes.Count;

        /// <summary>Id of the most recent node (-1 when empty).</summary>
        public int Last => _nodes.Count - 1;

        /// <summary>Adds the input node (must be first).</summary>
        public int AddInput(TensorShape shape, SourceSpan span)
            => Add(new InputLayer(shape), span, "input", null, new int[0]);

        /// <summary>
        /// Adds a layer. <paramref name="modulePath"/> defaults to the layer's position among non-input
        /// nodes (<c>0</c>, <c>1</c>, ... like an nn.Sequential); <paramref name="displayName"/> defaults to the
        /// Keras auto-name. <paramref name="inputs"/> default to the previous node.
        /// </summary>
        public int Add(LayerSpec layer, SourceSpan span, string? modulePath = null, string? displayName = null, int[]? inputs = null)
        {
            var id = _nodes.Count;
            var ins = inputs ?? (id == 0 ? new int[0] : new[] { id - 1 });
            var path = modulePath ?? (id - 1).ToString(CultureInfo.InvariantCulture);
            var display = displayName ?? NextKerasName(LayerCatalog.DescriptorOf(layer).KerasName);
            _displayNames.Add(display);
            _nodes.Add(new GraphNode(id, layer, ins.ToEquatableArray(), path, display, span));
            return id;
        }

        /// <summary>
        /// Adds a layer that sits inside block instances: <paramref name="callSites"/> (innermost first)
        /// are attached to the diagnostics shape inference reports for it.
        /// </summary>
        public int Add(LayerSpec layer, SourceSpan span, string? modulePath, string? displayName, int[]? inputs, EquatableArray<SpecNote> callSites)
        {
            var id = Add(layer, span, modulePath, displayName, inputs);
            _nodes[id] = _nodes[id] with { CallSites = callSites };
            return id;
        }

        /// <summary>
        /// Keras's auto-naming: the first is <c>conv2d</c>, then <c>conv2d_1</c>, <c>conv2d_2</c>, ...;
        /// names a user already gave explicitly are skipped, so auto names never collide with them.
        /// </summary>
        public string NextKerasName(string baseName)
        {
            while (true)
            {
                _nameCounters.TryGetValue(baseName, out var n);
                _nameCounters[baseName] = n + 1;
                var name = n == 0 ? baseName : baseName + "_" + n.ToString(CultureInfo.InvariantCulture);
                if (!_displayNames.Contains(name)) return name;
            }
        }

        /// <summary>Records a grouping module (a named group is <c>Sequential</c>, a block instance its block name).</summary>
        public void AddContainer(string path, string typeName, SourceSpan span)
            => _containers.Add(new ContainerInfo(path, typeName, span));

        /// <summary>Keeps auto-naming away from a name a later node will be given explicitly.</summary>
        public void ReserveDisplayName(string name) => _displayNames.Add(name);

        /// <summary>The finished graph.</summary>
        public ModelGraph Build() => new ModelGraph(_name, _nodes.ToEquatableArray(), _span) { Containers = _containers.ToEquatableArray() };
    }
}
