using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Zoo;
using ModelDsl.Torch.Nn;
using ActivationKind = ModelDsl.Spec.Shapes.ActivationKind;

namespace ModelDsl.Torch.Spec;

/// <summary>
/// A model built at run time from a ModelDsl spec (the IR the source generator compiles). Each layer
/// is registered under its IR module path, so <see cref="Module.StateDict"/> keys are the spec's paths —
/// torchvision's keys for the zoo models — and <see cref="Forward"/> walks the graph (branches, add,
/// concatenate) applying each layer's fused activation.
/// </summary>
public class SpecModule : Module
{
    private readonly Module?[] modules;
    private readonly int[] lastUse;
    private readonly int logitsNode;

    /// <summary>Builds the modules of an inferred spec model.</summary>
    /// <param name="compilation">A model compiled without errors (e.g. <see cref="ModelZoo.Get"/>).</param>
    /// <param name="options">Initialisation and extra layer factories.</param>
    /// <exception cref="SpecModelException">The compilation has errors.</exception>
    public SpecModule(ModelCompilation compilation, SpecModuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (compilation.HasErrors || compilation.Graph is null || compilation.Inference is null)
        {
            throw new SpecModelException(compilation.Name, compilation.Diagnostics);
        }
        Compilation = compilation;
        Graph = compilation.Graph;
        Inference = compilation.Inference;
        options ??= new SpecModuleOptions();

        var nodes = Graph.Nodes;
        modules = new Module?[nodes.Count];
        lastUse = new int[nodes.Count];
        var containers = new Dictionary<string, SpecContainer>(StringComparer.Ordinal);
        var layers = new List<SpecLayer>(nodes.Count);
        foreach (var node in nodes)
        {
            foreach (var i in node.Inputs) lastUse[i] = Math.Max(lastUse[i], node.Id);
            var info = Inference.Nodes[node.Id];
            var shapes = node.Inputs.Select(i => Inference.Nodes[i].OutputShape!).ToArray();
            var module = node.Inputs.Count == 0 ? null : SpecLayerBuilder.Build(new SpecLayerContext(node, info, shapes), options);
            if (module is not null) Attach(node.ModulePath, module, containers);
            modules[node.Id] = module;
            layers.Add(new SpecLayer(node.Id, node.ModulePath, node.Layer.Kind, info.OutputShape, module, node));
        }
        lastUse[nodes.Count - 1] = int.MaxValue;
        Layers = layers;
        logitsNode = FindLogitsNode();
        CheckStateCounts();
    }

    /// <summary>The compiled spec this module was built from.</summary>
    public ModelCompilation Compilation { get; }

    /// <summary>The model's graph (nodes in topological order).</summary>
    public ModelGraph Graph { get; }

    /// <summary>Shape inference's result: shapes, weights and the summary's counts.</summary>
    public InferenceResult Inference { get; }

    /// <summary>The per-sample input shape the spec declares.</summary>
    public TensorShape InputShape => Graph.InputShape!;

    /// <summary>The layers, numbered the Keras way (input at index 0); see <see cref="SpecLayer"/>.</summary>
    public IReadOnlyList<SpecLayer> Layers { get; }

    /// <summary>The activation the model's output goes through last (Softmax: the output is probabilities).</summary>
    public ActivationKind OutputActivation => Graph.Output!.Layer.AppliedActivation;

    /// <summary>True when the model ends in softmax, so <see cref="Forward"/> returns probabilities and <see cref="ForwardLogits"/> the scores before.</summary>
    public bool OutputIsProbabilities => OutputActivation == ActivationKind.Softmax;

    /// <summary>Builds a model from .mdsl text.</summary>
    /// <param name="mdslText">The spec source.</param>
    /// <param name="modelName">The <c>model</c> declaration to instantiate.</param>
    /// <param name="args">Model arguments by name: int, long, double, bool or string (a name such as <c>same</c>, or a shape such as <c>"3x64x64"</c>).</param>
    /// <param name="options">Initialisation and extra layer factories.</param>
    public static SpecModule FromText(string mdslText, string modelName, IReadOnlyDictionary<string, object>? args = null, SpecModuleOptions? options = null)
        => new(Compile(mdslText, modelName, args), options);

    /// <summary>Builds a zoo model (<c>MnistConvNet</c>, <c>VGG16</c>, <c>ResNet50</c>, <c>MobileNetV2</c>) with torchvision's state names.</summary>
    /// <param name="name">Zoo model name.</param>
    /// <param name="includeTop">Keep the classifier (false: the convolutional base only).</param>
    /// <param name="classes">Classes of the top layer.</param>
    /// <param name="args">Other model arguments, e.g. <c>input</c>.</param>
    /// <param name="options">Initialisation and extra layer factories.</param>
    public static SpecModule FromZoo(string name, bool includeTop = true, int classes = 1000, IReadOnlyDictionary<string, object>? args = null, SpecModuleOptions? options = null)
        => new(CompileZoo(name, includeTop, classes, args), options);

    /// <summary>Parses, expands and infers a model of .mdsl text; throws <see cref="SpecModelException"/> listing the errors.</summary>
    public static ModelCompilation Compile(string mdslText, string modelName, IReadOnlyDictionary<string, object>? args = null)
    {
        ArgumentNullException.ThrowIfNull(mdslText);
        ArgumentNullException.ThrowIfNull(modelName);
        var document = SpecDocument.Parse(mdslText, modelName + ".mdsl");
        var compilation = document.Instantiate(modelName, SpecArguments.Convert(args));
        var diagnostics = document.Diagnostics.Concat(compilation.Diagnostics).ToArray();
        if (diagnostics.Any(d => d.Severity == ModelDsl.Spec.Diagnostics.SpecSeverity.Error)) throw new SpecModelException(modelName, diagnostics);
        return compilation;
    }

    /// <summary>Expands and infers a zoo model with <c>include_top</c>, <c>classes</c> and other arguments.</summary>
    public static ModelCompilation CompileZoo(string name, bool includeTop = true, int classes = 1000, IReadOnlyDictionary<string, object>? args = null)
    {
        var all = new Dictionary<string, object>(args ?? new Dictionary<string, object>(), StringComparer.Ordinal)
        {
            ["include_top"] = includeTop,
            ["classes"] = classes,
        };
        var compilation = ModelZoo.Get(name, SpecArguments.Convert(all));
        if (compilation.HasErrors) throw new SpecModelException(name, compilation.Diagnostics);
        return compilation;
    }

    /// <summary>The runtime module at a layer path (e.g. <c>features.0</c>), or null.</summary>
    public Module? ModuleAt(string path) => NamedModules().FirstOrDefault(m => m.Key == path).Value;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Run(input, Graph.Nodes.Count - 1, applyLastActivation: true);

    /// <summary>The output before the final softmax (the same as <see cref="Forward"/> when the model does not end in softmax).</summary>
    public Tensor ForwardLogits(Tensor input) => Run(input, logitsNode, applyLastActivation: logitsNode != Graph.Nodes.Count - 1 || !OutputIsProbabilities);

    private Tensor Run(Tensor input, int last, bool applyLastActivation)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        var values = new Tensor?[last + 1];
        values[0] = input;
        for (var id = 1; id <= last; id++)
        {
            var node = Graph.Nodes[id];
            var y = Evaluate(node, values, id < last || applyLastActivation);
            // A layer may hand back its input object (a linear activation, dropout in eval): give it its own
            // handle, so releasing one node's value never releases another's or the caller's input.
            if (node.Inputs.Any(i => ReferenceEquals(values[i], y))) y = y.Alias();
            values[id] = y;
            // Intermediates are released as soon as their last reader has run (autograd keeps what it needs).
            foreach (var i in node.Inputs.Distinct())
            {
                if (i != 0 && lastUse[i] <= id && !ReferenceEquals(values[i], y))
                {
                    values[i]!.Dispose();
                    values[i] = null;
                }
            }
        }
        return values[last]!;
    }

    private Tensor Evaluate(GraphNode node, Tensor?[] values, bool activate)
    {
        var inputs = node.Inputs.Select(i => values[i] ?? throw new InvalidOperationException($"Input {i} of '{node.ModulePath}' was released early.")).ToArray();
        Tensor y;
        switch (node.Layer)
        {
            case AddLayer:
                y = inputs[0] + inputs[1];
                for (var k = 2; k < inputs.Length; k++)
                {
                    var sum = y + inputs[k];
                    y.Dispose();
                    y = sum;
                }
                break;
            case ConcatenateLayer c:
                y = Tensor.Cat(inputs, c.Axis);
                break;
            case ActivationLayer a:
                return activate ? modules[node.Id]!.Forward(inputs[0]) : inputs[0];
            default:
                y = modules[node.Id]!.Forward(inputs[0]);
                break;
        }
        if (!activate || node.Layer.AppliedActivation == ActivationKind.Linear) return y;
        var activated = SpecActivations.Apply(node.Layer.AppliedActivation, y);
        y.Dispose();
        return activated;
    }

    private void CheckInput(Tensor input) =>
        InputGuard.Check(input, InputShape.Dims.Select(d => (long)d).ToArray(), Graph.Name, "input");

    // A softmax-ended model's logits are the input of a final softmax layer, or a dense layer's output before its fused softmax.
    private int FindLogitsNode()
    {
        var output = Graph.Output!;
        return output.Layer is ActivationLayer { Activation: ActivationKind.Softmax } && output.Inputs.Count == 1 && output.Inputs[0] != 0
            ? output.Inputs[0]
            : output.Id;
    }

    private void Attach(string path, Module module, Dictionary<string, SpecContainer> containers)
    {
        var segments = path.Split('.');
        Module parent = this;
        var prefix = string.Empty;
        for (var s = 0; s < segments.Length - 1; s++)
        {
            prefix = s == 0 ? segments[0] : prefix + "." + segments[s];
            if (!containers.TryGetValue(prefix, out var container))
            {
                container = new SpecContainer(prefix);
                AddChild(parent, segments[s], container);
                containers[prefix] = container;
            }
            parent = container;
        }
        AddChild(parent, segments[^1], module);
    }

    private void AddChild(Module parent, string name, Module child)
    {
        if (parent is SpecContainer c) c.Add(name, child);
        else RegisterModule(name, child);
    }

    // The runtime check that the built modules hold exactly what the summary counts (torch convention).
    private void CheckStateCounts()
    {
        var parameters = Parameters().Sum(p => p.Shape.Aggregate(1L, (a, d) => a * d));
        var buffers = NamedBuffers().Sum(b => b.Value.Shape.Aggregate(1L, (a, d) => a * d));
        if (parameters != Inference.TorchParams || buffers != Inference.TorchBufferElements)
        {
            throw new InvalidOperationException(
                $"{Graph.Name}: the built modules hold {parameters:N0} parameters and {buffers:N0} buffer elements but the summary counts " +
                $"{Inference.TorchParams:N0} and {Inference.TorchBufferElements:N0}.");
        }
    }
}
