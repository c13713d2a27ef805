using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Transfer;

/// <summary>How the transfer workflows train: loss, metrics, optimizer, batches, validation, callbacks.</summary>
public sealed record TransferTrainingOptions
{
    /// <summary>Loss name as in <c>Loss.FromName</c> (default sparse categorical cross-entropy).</summary>
    public string Loss { get; init; } = "sparse_categorical_crossentropy";

    /// <summary>Metric names as in <c>Metric.FromName</c>.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = ["accuracy"];

    /// <summary>
    /// Makes the TorchSharp optimizer for the trainable parameters and a learning rate (default Adam:
    /// <see cref="ModelDsl.Runtime.Kernels.Adam"/>, TorchSharp's with a one-pass step).
    /// </summary>
    public Func<IReadOnlyList<Parameter>, double, optim.Optimizer> Optimizer { get; init; } = (p, lr) => new ModelDsl.Runtime.Kernels.Adam(p, lr);

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Shuffling seed.</summary>
    public int Seed { get; init; }

    /// <summary>0 silent, 1 progress bar, 2 one line per epoch (as Keras).</summary>
    public int Verbose { get; init; } = 1;

    /// <summary>Data evaluated after every epoch (logged as <c>val_*</c>).</summary>
    public IDataset? Validation { get; init; }

    /// <summary>Callbacks for every training phase.</summary>
    public IReadOnlyList<Callback> Callbacks { get; init; } = [];
}
