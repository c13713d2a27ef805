using ModelDsl.Runtime;
using ModelDsl.Runtime.Spec;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Summary;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Transfer;

/// <summary>
/// A pretrained base with a new head declared in the DSL: <c>TransferModel.WithHead(Zoo.Vgg16(includeTop: false, weights: path), Heads.DenseSigmoid)</c>.
/// State keys are <c>base.*</c> (the base's own keys) and <c>head.*</c>. The layer list is Keras's for a
/// model built functionally on <c>base.output</c>: the input, the base's layers, then the head's.
/// </summary>
public sealed class TransferModel : nn.Module<Tensor, Tensor>, ILogitsModule, ILayeredModule
{
    private TransferModel(TransferModule baseModule, TransferModule head)
        : base(baseModule.Graph.Name + "+" + head.Graph.Name)
    {
        Base = baseModule;
        Head = head;
        register_module("base", baseModule);
        register_module("head", head);
        var layers = Base.Layers.Select(l => l with { Path = "base." + l.Path }).ToList();
        layers.AddRange(Head.Layers.Skip(1).Select((l, i) => l with { Index = Base.Layers.Count + i, Path = "head." + l.Path }));
        Layers = layers;
        var rows = Base.Summary.Rows.Select(r => r with { ModulePath = "base." + r.ModulePath }).ToList();
        rows.AddRange(Head.Summary.Rows.Skip(1).Select((r, i) => r with { NodeId = Base.Layers.Count + i, ModulePath = "head." + r.ModulePath }));
        Summary = new ModelSummary(Base.Graph.Name + "+" + Head.Graph.Name, Base.InputShape, rows.ToEquatableArray(), false);
    }

    /// <summary>The pretrained base (typically built with <c>includeTop: false</c>).</summary>
    public TransferModule Base { get; }

    /// <summary>The new head, whose input is the base's output.</summary>
    public TransferModule Head { get; }

    /// <inheritdoc/>
    public torch.nn.Module Module => this;

    /// <inheritdoc/>
    public IReadOnlyList<SpecLayer> Layers { get; }

    /// <inheritdoc/>
    public ModelSummary Summary { get; }

    /// <summary>True when the head ends in softmax.</summary>
    public bool OutputIsProbabilities => Head.OutputIsProbabilities;

    /// <summary>
    /// Puts a head on <paramref name="baseModule"/>. <paramref name="headSpec"/> is either layers in the
    /// DSL (<c>flatten > dense(256, relu) > dropout(0.5) > dense(1, sigmoid)</c>) or a whole
    /// <c>model Name(input, ...) { ... }</c> declaration; its <c>input</c> is set to the base's output shape.
    /// </summary>
    /// <param name="baseModule">The base; the model owns it from now on.</param>
    /// <param name="headSpec">The head's layers or model declaration.</param>
    /// <param name="args">Further arguments of a head model declaration (e.g. <c>classes</c>).</param>
    /// <param name="options">Initialisation of the head's layers.</param>
    public static TransferModel WithHead(TransferModule baseModule, string headSpec, IReadOnlyDictionary<string, object>? args = null, SpecModuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseModule);
        ArgumentNullException.ThrowIfNull(headSpec);
        var output = baseModule.Inference.Output?.OutputShape
            ?? throw new ArgumentException($"The base {baseModule.Graph.Name} has no output shape.", nameof(baseModule));
        var (text, name) = HeadText(headSpec);
        var all = new Dictionary<string, object>(args ?? new Dictionary<string, object>(), StringComparer.Ordinal)
        {
            ["input"] = output.Dims.ToArray(),
        };
        var head = TransferModule.FromText(text, name, all, options);
        return new TransferModel(baseModule, head);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var features = Base.call(input);
        return Head.call(features);
    }

    /// <inheritdoc/>
    public bool HasLogits => OutputIsProbabilities;

    /// <inheritdoc />
    public Tensor ForwardLogits(Tensor input)
    {
        using var features = Base.call(input);
        return Head.ForwardLogits(features);
    }

    private static (string Text, string Name) HeadText(string spec)
    {
        var trimmed = spec.TrimStart();
        if (trimmed.StartsWith("model ", StringComparison.Ordinal))
        {
            var name = new string(trimmed["model ".Length..].TrimStart().TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
            return (spec, name);
        }
        // A bare layer chain: the head model takes the base's output as its input.
        return ("model Head(input) {\n" + spec + "\n}\n", "Head");
    }
}
