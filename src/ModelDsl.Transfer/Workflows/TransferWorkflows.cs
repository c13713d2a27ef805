using ModelDsl.Training;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Transfer;

/// <summary>The two transfer-learning recipes of the seeds as trainer-level helpers.</summary>
public static class TransferWorkflows
{
    /// <summary>
    /// Feature extraction: freezes the base, runs it once over the training (and validation) data,
    /// caches its outputs and trains only the head on them. The model is ready to use afterwards.
    /// </summary>
    /// <param name="model">Base plus head.</param>
    /// <param name="train">Training examples (inputs the base accepts).</param>
    /// <param name="epochs">Head training epochs.</param>
    /// <param name="learningRate">Head learning rate.</param>
    /// <param name="options">Loss, metrics, optimizer, batch size, validation and callbacks.</param>
    public static History FeatureExtraction(TransferModel model, IDataset train, int epochs, double learningRate, TransferTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new TransferTrainingOptions();
        model.Base.Freeze();
        using var features = FeatureCache.Extract(model.Base, train, Math.Max(options.BatchSize, 64), Progress("features", options));
        using var validation = options.Validation is null ? null : FeatureCache.Extract(model.Base, options.Validation, Math.Max(options.BatchSize, 64), Progress("validation features", options));
        try
        {
            return Fit(model.Head, model.Head.TrainableParameters(), features, epochs, 0, learningRate, options with { Validation = validation });
        }
        finally
        {
            model.eval();
        }
    }

    /// <summary>
    /// Fine-tuning: trains the head with the base frozen, then unfreezes the base's top
    /// <paramref name="unfreezeTopLayers"/> layers and continues at <paramref name="fineTuneLearningRate"/>
    /// (a low rate, so the pretrained features are adjusted rather than destroyed). The seed's
    /// "unfreeze from layer 100" is <c>unfreezeTopLayers: model.Base.Layers.Count - 100</c>.
    /// </summary>
    /// <param name="model">Base plus head.</param>
    /// <param name="train">Training examples.</param>
    /// <param name="headEpochs">Epochs with the base frozen.</param>
    /// <param name="headLearningRate">Learning rate of the first phase.</param>
    /// <param name="unfreezeTopLayers">How many of the base's last layers (Keras indices) become trainable.</param>
    /// <param name="fineTuneEpochs">Epochs of the second phase.</param>
    /// <param name="fineTuneLearningRate">Learning rate of the second phase.</param>
    /// <param name="options">Loss, metrics, optimizer, batch size, validation and callbacks.</param>
    /// <param name="keepBatchNormFrozen">Keep the base's BatchNorm layers frozen (inference mode) while fine-tuning, as Keras recommends for small data.</param>
    public static FineTuneHistory FineTune(TransferModel model, IDataset train, int headEpochs, double headLearningRate,
        int unfreezeTopLayers, int fineTuneEpochs, double fineTuneLearningRate, TransferTrainingOptions? options = null, bool keepBatchNormFrozen = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new TransferTrainingOptions();
        model.Base.Freeze();
        model.Head.Unfreeze();
        var head = Fit(model, model.TrainableParameters(), train, headEpochs, 0, headLearningRate, options);
        model.Base.UnfreezeTop(unfreezeTopLayers);
        if (keepBatchNormFrozen)
        {
            foreach (var layer in model.Base.Layers)
            {
                if (layer.Module is BatchNorm bn) Freezing.SetTrainable(bn, trainable: false, ownerTraining: model.training);
            }
        }
        var tuned = Fit(model, model.TrainableParameters(), train, headEpochs + fineTuneEpochs, headEpochs, fineTuneLearningRate, options);
        model.eval();
        return new FineTuneHistory(head, tuned);
    }

    private static History Fit(nn.Module<Tensor, Tensor> module, IReadOnlyList<Parameter> parameters, IDataset data, int epochs, int initialEpoch, double learningRate,
        TransferTrainingOptions options)
    {
        if (parameters.Count == 0) throw new InvalidOperationException("Nothing to train: every layer of the model is frozen.");
        using var optimizer = options.Optimizer(parameters, learningRate);
        using var trainer = new Trainer(module, optimizer, Loss.FromName(options.Loss), [.. options.Metrics.Select(Metric.FromName)]);
        return trainer.Fit(data, epochs, options.BatchSize, options.Validation, shuffle: true, seed: options.Seed, initialEpoch: initialEpoch,
            callbacks: options.Callbacks, verbose: options.Verbose);
    }

    private static Action<int, int>? Progress(string what, TransferTrainingOptions options) =>
        options.Verbose == 0 ? null : (done, total) =>
        {
            if (done == total) Console.WriteLine($"Extracted {what}: {total} examples");
        };
}

/// <summary>The histories of fine-tuning's two phases.</summary>
/// <param name="Head">Training the head with the base frozen.</param>
/// <param name="FineTune">Training with the top of the base unfrozen (epochs continue the count).</param>
public sealed record FineTuneHistory(History Head, History FineTune);
