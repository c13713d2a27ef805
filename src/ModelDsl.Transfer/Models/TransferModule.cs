using ModelDsl.Runtime.Spec;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Summary;
using TorchSharp;

namespace ModelDsl.Transfer;

/// <summary>
/// A spec model (zoo or user .mdsl) as the transfer runtime uses it: a <see cref="SpecModule"/> (TorchSharp
/// layers under torchvision-named state) with its summary, so layers are addressed by Keras name and index
/// for freezing and Keras weights.
/// </summary>
public sealed class TransferModule : SpecModule, ILayeredModule
{
    /// <summary>Builds the modules of a compiled spec model.</summary>
    /// <param name="compilation">A model compiled without errors.</param>
    /// <param name="options">Initialisation and extra layer factories.</param>
    /// <exception cref="SpecModelException">The compilation has errors, or a layer has no runtime module.</exception>
    public TransferModule(ModelCompilation compilation, SpecModuleOptions? options = null)
        : base(compilation, options)
    {
        Summary = ModelSummary.From(Inference);
    }

    /// <inheritdoc/>
    public torch.nn.Module Module => this;

    /// <inheritdoc/>
    public ModelSummary Summary { get; }

    /// <summary>Builds a model from .mdsl text (see <see cref="SpecModule.Compile"/> for the arguments).</summary>
    /// <exception cref="SpecModelException">The spec has errors.</exception>
    public static new TransferModule FromText(string mdslText, string modelName, IReadOnlyDictionary<string, object>? args = null, SpecModuleOptions? options = null)
        => new(Compile(mdslText, modelName, args), options);
}
