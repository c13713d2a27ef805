using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Lowering
{
    /// <summary>
    /// Lowers a <c>[Model]</c> class's layer attributes to the Spec IR graph: layers bind through the Spec's
    /// layer catalogue (so arguments are checked exactly as in <c>.mdsl</c>), <c>[Use]</c> expands block
    /// classes with their arguments, <c>[Branch]</c>/<c>[Add]</c>/<c>[Concatenate]</c>/<c>[Multiply]</c> build residual and gating shapes.
    /// Every node's span is its attribute, every argument's span its C# argument.
    /// </summary>
    internal sealed class AttributeLowering
    {
        private const int MaxNodes = 5000;
        private readonly ClassModel _model;
        private readonly Dictionary<string, BlockModel> _blocks;
        private readonly CancellationToken _cancellationToken;
        private readonly List<SpecDiagnostic> _diagnostics = new List<SpecDiagnostic>();
        private readonly Dictionary<string, int> _instanceCounters = new Dictionary<string, int>();
        private ModelGraphBuilder _builder = null!;

        private AttributeLowering(ClassModel model, CancellationToken cancellationToken)
        {
            _model = model;
            _blocks = model.Blocks.ToDictionary(b => b.MetadataName);
            _cancellationToken = cancellationToken;
        }

        /// <summary>Lowers <paramref name="model"/>; diagnostics instead of exceptions for every user mistake.</summary>
        public static LoweredModel Lower(ClassModel model, CancellationToken cancellationToken)
            => new AttributeLowering(model, cancellationToken).Run();

        private LoweredModel Run()
        {
            _builder = new ModelGraphBuilder(_model.Name, _model.Span);
            var shape = _model.Input is null ? null : InputShapeParser.Parse(_model.Input);
            if (shape is null)
            {
                if (_model.Input is not null)
                {
                    _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.BadArgument, _model.InputSpan, "Input", "[Model]",
                        "expected positive dimensions such as 1x28x28 but got '" + _model.Input + "'"));
                }
                return new LoweredModel(null, _diagnostics, _spans);
            }
            _current = _builder.AddInput(shape, _model.InputSpan);
            var scope = new Scope(null, "", new Dictionary<string, object?>(), 0);
            LowerSequence(_model.Layers, scope, allowBranches: false);
            return new LoweredModel(_builder.Build(), _diagnostics, _spans);
        }

        /// <summary>Block parameters in scope, the block's module-path prefix and its input node.</summary>
        private sealed class Scope
        {
            public Scope(BlockModel? block, string prefix, Dictionary<string, object?> values, int input)
            {
                Block = block;
                Prefix = prefix;
                Values = values;
                Input = input;
            }

            public BlockModel? Block { get; }
            public string Prefix { get; }
            public Dictionary<string, object?> Values { get; }
            public int Input { get; }
        }

        private readonly HashSet<string> _sharedNames = new HashSet<string>();

        private void LowerSequence(IEnumerable<LayerAttributeModel> layers, Scope scope, bool allowBranches)
        {
            var useNames = layers.Where(l => l.Kind == "Use").Select(l => l.Find("Name")).Where(n => n is { IsExplicit: true }).Select(n => scope.Prefix + "|" + n!.Value.Text);
            foreach (var group in useNames.GroupBy(n => n).Where(g => g.Count() > 1)) _sharedNames.Add(group.Key);
            var branchEnds = new List<int>();
            var inBranch = false;
            var branchActive = true;
            foreach (var layer in layers)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (_builder.Count > MaxNodes)
                {
                    _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.TooLarge, layer.Span, MaxNodes));
                    return;
                }
                switch (layer.Kind)
                {
                    case "Branch":
                        if (!allowBranches)
                        {
                            _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.BadMerge, layer.NameSpan, "[Branch] belongs in a [Block] class; declare the branches there and [Use] it"));
                            continue;
                        }
                        if (inBranch) branchEnds.Add(_current);
                        inBranch = true;
                        branchActive = Condition(layer, scope);
                        _current = scope.Input;
                        continue;
                    case "Add":
                    case "Concatenate":
                    case "Multiply":
                        if (!allowBranches)
                        {
                            _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.BadMerge, layer.NameSpan, $"[{layer.Kind}] merges the branches of a [Block] class; it has nothing to merge here"));
                            continue;
                        }
                        // The layers since the last [Branch] (or since the block's start) end the last branch.
                        if (inBranch || branchEnds.Count == 0) branchEnds.Add(_current);
                        if (Condition(layer, scope))
                        {
                            // One branch merges with the block's input: the identity shortcut of a residual.
                            if (branchEnds.Count < 2) branchEnds.Insert(0, scope.Input);
                            AddLayer(layer, scope, branchEnds.ToArray());
                        }
                        else
                        {
                            // No merge (e.g. MobileNetV2 without a residual): the first branch flows on.
                            _current = branchEnds[0];
                        }
                        branchEnds.Clear();
                        inBranch = false;
                        branchActive = true;
                        continue;
                    case "Use":
                        if (!branchActive || !Condition(layer, scope)) continue;
                        ExpandBlock(layer, scope);
                        continue;
                    default:
                        if (!branchActive || !Condition(layer, scope)) continue;
                        AddLayer(layer, scope, new[] { _current });
                        continue;
                }
            }
            if (inBranch && branchEnds.Count > 0)
            {
                _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.BadMerge, scope.Block?.Span ?? _model.Span, $"Block '{scope.Block?.Name}' opens branches but never merges them; end it with [Add], [Concatenate] or [Multiply]"));
            }
        }

        private int _current;

        private void AddLayer(LayerAttributeModel layer, Scope scope, int[] inputs)
        {
            var descriptor = AttributeArguments.DescriptorFor(layer.Kind);
            if (descriptor is null) return;
            var before = _diagnostics.Count;
            var named = AttributeArguments.Translate(layer, arg => Resolve(arg, scope));
            if (_diagnostics.Count > before) return; // an expression failed; already reported at its argument
            var spec = descriptor.Bind(new ArgValue[0], named, layer.Span, _diagnostics);
            if (spec is null) return;
            var explicitName = layer.Find("Name") is { IsExplicit: true } n ? n.Value.Text : null;
            var display = scope.Block is null && explicitName is not null ? explicitName : _builder.NextKerasName(LayerCatalog.DescriptorOf(spec).KerasName);
            var segment = explicitName ?? display;
            var path = scope.Prefix.Length == 0 ? segment : scope.Prefix + "." + segment;
            _current = _builder.Add(spec, layer.Span, path, display, inputs);
            _spans[_current] = layer;
        }

        private readonly Dictionary<int, LayerAttributeModel> _spans = new Dictionary<int, LayerAttributeModel>();

        private ArgValue? Resolve(AttributeArgModel arg, Scope scope)
        {
            var value = Evaluate(arg.Value.Text, arg.Span, scope);
            switch (value)
            {
                case long l: return ArgValue.OfInt(l, arg.Span);
                case bool b: return ArgValue.OfBool(b, arg.Span);
                case null:
                    return null;
                default:
                    _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.TypeMismatch, arg.Span, "a number or true/false", "'" + arg.Value.Text + "'"));
                    return null;
            }
        }

        private bool Condition(LayerAttributeModel layer, Scope scope)
        {
            var when = layer.Find("When");
            if (when is null || !when.IsExplicit) return true;
            var value = Evaluate(when.Value.Text, when.Span, scope);
            if (value is bool b) return b;
            if (value is not null)
                _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.TypeMismatch, when.Span, "a condition (true or false)", when.Value.Text));
            return false;
        }

        private object? Evaluate(string text, SourceSpan span, Scope scope)
        {
            if (scope.Block is null)
            {
                _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.UnknownIdentifier, span, text));
                return null;
            }
            var result = BlockExpression.Evaluate(text, name => Lookup(name, scope), out var error);
            if (error is not null)
            {
                var unknown = error.StartsWith("unknown name '", System.StringComparison.Ordinal);
                _diagnostics.Add(unknown
                    ? SpecDiagnostic.Create(DiagnosticCatalog.UnknownIdentifier, span, error.Substring(14, error.Length - 15))
                    : SpecDiagnostic.Create(DiagnosticCatalog.TypeMismatch, span, "a valid expression", "'" + text + "' (" + error + ")"));
            }
            return result;
        }

        private object? Lookup(string name, Scope scope)
        {
            if (scope.Values.TryGetValue(name, out var value)) return value;
            if (name == "in" || name == "channels")
            {
                var inference = ShapeInference.Infer(_builder.Build(), _cancellationToken);
                var shape = inference.Nodes[scope.Input].OutputShape;
                return shape is null ? null : (object)(long)shape.Dims[0];
            }
            return null;
        }

        private void ExpandBlock(LayerAttributeModel use, Scope scope)
        {
            var typeArg = use.Find("block");
            // A [Use] of a non-block type was reported by the class reader (MDSL103); nothing to expand.
            if (typeArg is null || !_blocks.TryGetValue(typeArg.Value.Text, out var block)) return;
            // Blocks that use each other were reported by the class reader (MDSL106); expanding them would never end.
            if (!_expanding.Add(block.MetadataName)) return;
            try
            {
                ExpandBlockBody(use, scope, block);
            }
            finally
            {
                _expanding.Remove(block.MetadataName);
            }
        }

        private readonly HashSet<string> _expanding = new HashSet<string>(System.StringComparer.Ordinal);

        private void ExpandBlockBody(LayerAttributeModel use, Scope scope, BlockModel block)
        {
            var parameters = BlockExpression.ParseParameters(block.Parameters, out var paramError);
            if (paramError is not null)
            {
                _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.ParseError, block.ParametersSpan, paramError));
                return;
            }
            var args = use.Find("arguments")?.Value.Items ?? default;
            var argSpan = use.Find("arguments")?.Span ?? use.Span;
            if (args.Count > parameters.Count || parameters.Skip(args.Count).Any(p => p.Value is null))
            {
                var required = parameters.Count(p => p.Value is null);
                _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.WrongArgumentCount, argSpan, block.Name,
                    (args.Count > parameters.Count ? "at most " + parameters.Count : "at least " + required) + " arguments", args.Count));
                return;
            }
            var values = new Dictionary<string, object?>();
            for (var i = 0; i < parameters.Count; i++)
            {
                object? value = parameters[i].Value;
                if (i < args.Count)
                {
                    var item = args[i];
                    value = item.Kind switch
                    {
                        AttributeValueKind.Int => long.Parse(item.Text, CultureInfo.InvariantCulture),
                        AttributeValueKind.Bool => item.Text == "true",
                        AttributeValueKind.String => Evaluate(item.Text, argSpan, scope),
                        _ => null,
                    };
                    if (value is null)
                    {
                        _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.TypeMismatch, argSpan, "a number or true/false for '" + parameters[i].Key + "'", "'" + item.Text + "'"));
                        return;
                    }
                }
                values[parameters[i].Key] = value;
            }

            var repeat = use.Find("Repeat") is { IsExplicit: true } r ? int.Parse(r.Value.Text, CultureInfo.InvariantCulture) : 1;
            var explicitName = use.Find("Name") is { IsExplicit: true } n ? n.Value.Text : null;
            for (var i = 0; i < repeat; i++)
            {
                // A name shared by several block instances numbers them like nn.Sequential: layer1.0, layer1.1, ...
                var indexed = explicitName is not null && (repeat > 1 || _sharedNames.Contains(scope.Prefix + "|" + explicitName));
                var instance = explicitName is null ? NextInstanceName(block.Name) : indexed ? explicitName + "." + NextIndex(scope.Prefix + "|" + explicitName) : explicitName;
                var prefix = scope.Prefix.Length == 0 ? instance : scope.Prefix + "." + instance;
                LowerSequence(block.Layers, new Scope(block, prefix, values, _current), allowBranches: true);
            }
        }

        private string NextInstanceName(string blockName)
        {
            var baseName = SnakeCase(blockName);
            _instanceCounters.TryGetValue(baseName, out var n);
            _instanceCounters[baseName] = n + 1;
            return n == 0 ? baseName : baseName + "_" + n.ToString(CultureInfo.InvariantCulture);
        }

        private string NextIndex(string name)
        {
            var key = "#" + name;
            _instanceCounters.TryGetValue(key, out var n);
            _instanceCounters[key] = n + 1;
            return n.ToString(CultureInfo.InvariantCulture);
        }

        private static string SnakeCase(string name)
        {
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1])) sb.Append('_');
                sb.Append(char.ToLowerInvariant(name[i]));
            }
            return sb.ToString();
        }
    }
}
