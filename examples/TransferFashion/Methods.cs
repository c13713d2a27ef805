using ModelDsl.Torch;
using ModelDsl.Torch.Optim;
using ModelDsl.Training;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;
using ModelDsl.Transfer;

namespace TransferFashion;

/// <summary>Pretraining and the three ways of learning the new classes from the small set, all under one <see cref="Recipe"/>.</summary>
internal sealed class Methods(Recipe recipe, IReadOnlyDictionary<string, Tensor> baseWeights)
{
    private TransferTrainingOptions Training(int seed) => new()
    {
        Verbose = 0,
        BatchSize = 32,
        Seed = seed,
        // AdamW with weight decay 0 is Adam: one optimizer family for every method.
        Optimizer = (p, lr) => new AdamW(p, lr, weightDecay: recipe.WeightDecay),
    };

    /// <summary>Pretrains a new base with a <see cref="Recipe.PretrainHead"/> on <paramref name="data"/> and returns the model.</summary>
    public static TransferModel Pretrain(Recipe recipe, IDataset data, int seed)
    {
        var model = TransferModel.WithHead(FashionNets.Base(recipe.BaseName), recipe.PretrainHead);
        using var augmented = recipe.PretrainAugment ? new AugmentedDataset(data, seed) : null;
        using var optimizer = new Adam(model.Parameters(), 1e-3);
        using var trainer = new Trainer(model, optimizer, new SparseCategoricalCrossEntropy(), new Accuracy());
        trainer.Fit((IDataset?)augmented ?? data, epochs: recipe.PretrainEpochs, batchSize: 64, seed: seed, verbose: 2);
        model.Eval();
        return model;
    }

    /// <summary>Feature extraction: the frozen pretrained base runs once over the small set; only the new head trains.</summary>
    public TransferModel FeatureExtraction(IDataset small, int seed)
    {
        var model = TransferModel.WithHead(PretrainedBase(), recipe.Head);
        TransferWorkflows.FeatureExtraction(model, small, recipe.ScratchEpochs, recipe.HeadLearningRate, Training(seed));
        return model;
    }

    /// <summary>Fine-tuning: the new head on the frozen base, then the whole base too at <see cref="Recipe.FineTuneLearningRate"/>.</summary>
    public TransferModel FineTune(IDataset small, int seed)
    {
        var model = TransferModel.WithHead(PretrainedBase(), recipe.Head);
        using var augmented = recipe.SmallSetAugment ? new AugmentedDataset(small, seed) : null;
        TransferWorkflows.FineTune(model, (IDataset?)augmented ?? small, recipe.HeadEpochs, recipe.HeadLearningRate,
            unfreezeTopLayers: model.Base.Layers.Count, recipe.FineTuneEpochs, recipe.FineTuneLearningRate, Training(seed));
        return model;
    }

    /// <summary>The same network, randomly initialised, trained on the same small set for fine-tuning's total epochs.</summary>
    public TransferModel Scratch(IDataset small, int seed)
    {
        var model = TransferModel.WithHead(FashionNets.Base(recipe.BaseName), recipe.Head);
        using var augmented = recipe.SmallSetAugment ? new AugmentedDataset(small, seed) : null;
        var options = Training(seed);
        using var optimizer = options.Optimizer(model.Parameters().ToList(), recipe.HeadLearningRate);
        using var trainer = new Trainer(model, optimizer, new SparseCategoricalCrossEntropy(), new Accuracy());
        trainer.Fit((IDataset?)augmented ?? small, epochs: recipe.ScratchEpochs, batchSize: options.BatchSize, seed: seed, verbose: 0);
        model.Eval();
        return model;
    }

    /// <summary>The fraction of <paramref name="data"/> the model classifies correctly (inference mode).</summary>
    public static double Evaluate(ModelDsl.Torch.Nn.Module model, IDataset data)
    {
        model.Eval();
        long correct = 0;
        using var noGrad = NoGradScope.Begin();
        foreach (var batch in new DataLoader(data, 500).Epoch())
        {
            using (batch)
            using (DisposeScope.Begin())
            {
                var predicted = model.Forward(batch.Inputs).Argmax(1);
                correct += (long)predicted.Eq(batch.Targets).To(DType.Int64).Sum().ToScalar();
            }
        }
        return (double)correct / data.Count;
    }

    private TransferModule PretrainedBase()
    {
        var model = FashionNets.Base(recipe.BaseName);
        model.LoadStateDict(baseWeights);
        return model;
    }
}
