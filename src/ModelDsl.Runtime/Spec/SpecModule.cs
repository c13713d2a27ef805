using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Zoo;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// A model built at run time from a ModelDsl spec (the IR the source generator compiles), made of
/// TorchSharp's own layers. Each layer is registered under its IR module path, so <c>state_dict()</c> keys
/// are the spec's paths — torchvision's keys for the zoo models — and <see cref="forward"/> walks the graph
/// (branches, add, concatenate) applying each layer's fused activation and Keras's asymmetric 'same' pads.
/// </summary>
public partial class SpecModule : nn.Module<Tensor, Tensor>, ILogitsModule
{
    private readonly BuiltLayer[] built;
    private readonly int[] lastUse;
    private readonly int logitsNode;
    private readonly long[] sampleShape;

    /// <summary>Builds the modules of an inferred spec model.</summary>
    /// <param name="compilation">A model compiled without errors (e.g. <see cref="CompileZoo"/>).</param>
    /// <param name="options">Initialisation and extra layer factories.</param>
    /// <exception cref="SpecModelException">The compilation has errors, or a layer has no runtime module.</exception>
    public SpecModule(ModelCompilation compilation, SpecModuleOptions? options = null)
        : base(ModuleName(compilation))
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (compilation.HasErrors || compilation.Graph is null || compilation.Inference is null || compilation.Graph.InputShape is null)
        {
            throw new SpecModelException(compilation.Name, compilation.Diagnostics);
        }
        Compilation = compilation;
        Graph = compilation.Graph;
        Inference = compilation.Inference;
        InputShape = Graph.InputShape!;
        sampleShape = InputShape.Dims.Select(d => (long)d).ToArray();
        options ??= new SpecModuleOptions();

        var nodes = Graph.Nodes;
        built = new BuiltLayer[nodes.Count];
        lastUse = new int[nodes.Count];
        var tree = new SpecModuleTree();
        var layers = new List<SpecLayer>(nodes.Count);
        var byPath = new Dictionary<string, (GraphNode Node, BuiltLayer Layer)>();
        foreach (var node in nodes)
        {
            foreach (var i in node.Inputs) lastUse[i] = Math.Max(lastUse[i], node.Id);
            var info = Inference.Nodes[node.Id];
            var layer = node.Inputs.Count == 0 ? BuiltLayer.None : BuildLayer(node, info);
            if (layer.Module is not null && byPath.TryGetValue(node.ModulePath, out var first) && IsReuse(first.Node, node))
            {
                // torchvision calls one weightless module at several places (BasicBlock's self.relu); shape
                // inference accepted the repeat as that reuse, so the module is the first one, registered once.
                layer.Module.Dispose();
                layer = layer with { Module = first.Layer.Module };
            }
            else if (layer.Module is not null && !tree.Add(node.ModulePath, layer.Module))
            {
                throw new SpecModelException(Graph.Name, $"layer path '{node.ModulePath}' is used twice, or is both a layer and a block; give the layers distinct names.");
            }
            built[node.Id] = layer;
            if (layer.Module is not null) byPath.TryAdd(node.ModulePath, (node, layer));
            layers.Add(new SpecLayer(node.Id, node.ModulePath, node.Layer.Kind, info.OutputShape, layer.Module, node));
        }
        tree.RegisterOn(register_module);
        lastUse[nodes.Count - 1] = int.MaxValue;
        Layers = layers;
        logitsNode = FindLogitsNode();
        CheckStateCounts();

        BuiltLayer BuildLayer(GraphNode node, NodeInfo info)
        {
            var shapes = node.Inputs.Select(i => Inference.Nodes[i].OutputShape!).ToArray();
            try
            {
                return SpecLayerBuilder.Build(new SpecLayerContext(node, info, shapes), options);
            }
            catch (NotSupportedException e)
            {
                throw new SpecModelException(Graph.Name, e.Message, e);
            }
        }
    }

    private bool IsReuse(GraphNode first, GraphNode again)
        => first.Layer.Equals(again.Layer) && Inference.Nodes[first.Id].Weights.Count == 0 && Inference.Nodes[again.Id].Weights.Count == 0;

    // TorchSharp's Module constructor already calls into libtorch: load it first, so a failure names what is missing.
    private static string ModuleName(ModelCompilation? compilation)
    {
        TorchSharpRuntime.EnsureLoaded();
        return compilation?.Name ?? nameof(SpecModule);
    }

    /// <summary>The compiled spec this module was built from.</summary>
    public ModelCompilation Compilation { get; }

    /// <summary>The model's graph (nodes in topological order).</summary>
    public ModelGraph Graph { get; }

    /// <summary>Shape inference's result: shapes, weights and the summary's counts.</summary>
    public InferenceResult Inference { get; }

    /// <summary>The per-sample input shape the spec declares (no batch axis).</summary>
    public TensorShape InputShape { get; }

    /// <summary>The layers, numbered the Keras way (input at index 0); see <see cref="SpecLayer"/>.</summary>
    public IReadOnlyList<SpecLayer> Layers { get; }

    /// <summary>The activation the model's output goes through last (Softmax: the output is probabilities).</summary>
    public ActivationKind OutputActivation => Graph.Output!.Layer.AppliedActivation;

    /// <summary>True when the model ends in softmax, so <see cref="forward"/> returns probabilities and <see cref="ForwardLogits"/> the scores before.</summary>
    public bool OutputIsProbabilities => OutputActivation == ActivationKind.Softmax;

    /// <summary>Whether <see cref="ForwardLogits"/> differs from <see cref="forward"/>: the model ends in softmax.</summary>
    public bool HasLogits => OutputIsProbabilities;

    /// <summary>Builds a model from .mdsl text.</summary>
    /// <param name="mdslText">The spec source.</param>
    /// <param name="modelName">The <c>model</c> declaration to instantiate.</param>
    /// <param name="args">Model arguments by name: int, long, double, bool or string (a name such as <c>same</c>, or a shape such as <c>"3x64x64"</c>).</param>
    /// <param name="options">Initialisation and extra layer factories.</param>
    /// <exception cref="SpecModelException">The spec does not compile, or a layer has no runtime module.</exception>
    public static SpecModule FromText(string mdslText, string modelName, IReadOnlyDictionary<string, object>? args = null, SpecModuleOptions? options = null)
        => new(Compile(mdslText, modelName, args), options);

    /// <summary>Builds a zoo model (<c>MnistConvNet</c>, <c>VGG16</c>, <c>ResNet50</c>, <c>MobileNetV2</c>) with torchvision's state names.</summary>
    /// <param name="name">Zoo model name.</param>
    /// <param name="includeTop">Keep the classifier (false: the convolutional base only).</param>
    /// <param name="classes">Classes of the top layer.</param>
    /// <param name="args">Other model arguments, e.g. <c>input</c>.</param>
    /// <param name="options">Initialisation and extra layer factories.</param>
    /// <exception cref="SpecModelException">The name is unknown or the arguments do not compile.</exception>
    public static SpecModule FromZoo(string name, bool includeTop = true, int classes = 1000, IReadOnlyDictionary<string, object>? args = null, SpecModuleOptions? options = null)
        => new(CompileZoo(name, includeTop, classes, args), options);

    /// <summary>Parses, expands and infers a model of .mdsl text.</summary>
    /// <param name="mdslText">The spec source.</param>
    /// <param name="modelName">The <c>model</c> declaration to instantiate.</param>
    /// <param name="args">Model arguments by name (see <see cref="FromText"/>).</param>
    /// <exception cref="SpecModelException">The spec has errors; the message lists them with line and column.</exception>
    public static ModelCompilation Compile(string mdslText, string modelName, IReadOnlyDictionary<string, object>? args = null)
    {
        ArgumentNullException.ThrowIfNull(mdslText);
        ArgumentNullException.ThrowIfNull(modelName);
        var document = SpecDocument.Parse(mdslText, modelName + ".mdsl");
        var compilation = document.Instantiate(modelName, SpecArguments.Convert(args));
        var diagnostics = document.Diagnostics.Concat(compilation.Diagnostics).ToArray();
        if (diagnostics.Any(d => d.Severity == SpecSeverity.Error)) throw new SpecModelException(modelName, diagnostics);
        return compilation;
    }

    /// <summary>Expands and infers a zoo model with <c>include_top</c>, <c>classes</c> and other arguments.</summary>
    /// <param name="name">Zoo model name.</param>
    /// <param name="includeTop">Keep the classifier.</param>
    /// <param name="classes">Classes of the top layer.</param>
    /// <param name="args">Other model arguments, e.g. <c>input</c>.</param>
    /// <exception cref="SpecModelException">The name is unknown or the arguments do not compile.</exception>
    public static ModelCompilation CompileZoo(string name, bool includeTop = true, int classes = 1000, IReadOnlyDictionary<string, object>? args = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var all = new Dictionary<string, object>(args ?? new Dictionary<string, object>(), StringComparer.Ordinal)
        {
            ["include_top"] = includeTop,
            ["classes"] = classes,
        };
        ModelCompilation compilation;
        try
        {
            compilation = ModelZoo.Get(name, SpecArguments.Convert(all));
        }
        catch (ArgumentException e)
        {
            throw new SpecModelException(name, e.Message, e);
        }
        if (compilation.HasErrors) throw new SpecModelException(name, compilation.Diagnostics);
        return compilation;
    }

    /// <summary>The module at a path: a layer (e.g. <c>features.0</c> → <c>Conv2d</c>) or a block's <c>ModuleDict</c> (e.g. <c>layer1</c>); null if none.</summary>
    /// <param name="path">The dotted module path, as in <c>state_dict()</c> keys without the parameter name.</param>
    public nn.Module? ModuleAt(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (name, module) in named_modules())
        {
            if (name == path) return module;
        }
        return null;
    }
}
