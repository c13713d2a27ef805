using ModelDsl.Runtime.Spec;
using ModelDsl.Spec.Summary;
using TorchSharp;

namespace ModelDsl.Transfer;

/// <summary>
/// A model whose layers form a Keras-style list (input at index 0, then every layer in topological
/// order), which freezing, fine-tuning, summaries and Keras weights address by name, path prefix or index.
/// </summary>
public interface ILayeredModule
{
    /// <summary>The model as a TorchSharp module (its parameters, buffers and training mode).</summary>
    torch.nn.Module Module { get; }

    /// <summary>The layers, Keras-numbered; paths are the state_dict prefixes.</summary>
    IReadOnlyList<SpecLayer> Layers { get; }

    /// <summary>The summary's rows for <see cref="Layers"/> (before freezing is applied).</summary>
    ModelSummary Summary { get; }
}
