using ModelDsl.Spec.Language;
using ModelDsl.Spec.Summary;
using ModelDsl.Torch;
using ModelDsl.Torch.Nn;
using ModelDsl.Torch.Spec;
using ModelDsl.Training;

namespace ModelDsl.Transfer;

/// <summary>
/// A spec model (zoo or user .mdsl) as the transfer runtime uses it: torchvision-named state, the
/// Keras layer list for freezing, and <see cref="ILogitsModule"/> so the trainer computes cross-entropy
/// from the scores before a final softmax.
/// </summary>
public sealed class TransferModule : SpecModule, ILogitsModule, ILayeredModule
{
    /// <summary>Builds the modules of a compiled spec model.</summary>
    public TransferModule(ModelCompilation compilation, SpecModuleOptions? options = null)
        : base(compilation, options)
    {
        Summary = ModelSummary.From(Inference);
    }

    /// <inheritdoc/>
    public Module Module => this;

    /// <inheritdoc/>
    public bool HasLogits => OutputIsProbabilities;

    /// <inheritdoc/>
    public ModelSummary Summary { get; }

    /// <summary>Builds a model from .mdsl text (see <see cref="SpecModule.Compile"/> for the arguments).</summary>
    public static new TransferModule FromText(string mdslText, string modelName, IReadOnlyDictionary<string, object>? args = null, SpecModuleOptions? options = null)
        => new(Compile(mdslText, modelName, args), options);
}
