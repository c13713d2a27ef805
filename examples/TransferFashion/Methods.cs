using ModelDsl.Training;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;
using ModelDsl.Transfer;
using static TorchSharp.torch;

namespace TransferFashion;

/// <summary>Pretraining and the three ways of learning the new classes from the small set, all under one <see cref="Recipe"/>.</summary>
internal sealed class Methods(Recipe recipe, Dictionary<string, Tensor> baseWeights)
{
    private TransferTrainingOptions Training(int seed) => new()
    {
        Verbose = 0,
        BatchSize = 32,
        Seed = seed,
        // AdamW with weight decay 0 is Adam: one optimizer family for every method.
        Optimizer = (p, lr) => optim.AdamW(p, lr, weight_decay: recipe.WeightDecay),
    };

    /// <summary>Pretrains a new base with a <see cref="Recipe.PretrainHead"/> on <paramref name="data"/> and returns the model.</summary>
    public static TransferModel Pretrain(Recipe recipe, IDataset data, int seed)
    {
        var model = TransferModel.WithHead(FashionNets.Base(recipe.BaseName), recipe.PretrainHead);
        using var augmented = recipe.PretrainAugment ? new AugmentedDataset(data, seed) : null;
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        using var trainer = new Trainer(model, optimizer, new SparseCategoricalCrossEntropy(), new Accuracy());
        trainer.Fit((IDataset?)augmented ?? data, epochs: recipe.PretrainEpochs, batchSize: 64, seed: seed, verbose: 2);
        model.eval();
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
        using var optimizer = options.Optimizer(model.parameters().ToList(), recipe.HeadLearningRate);
        using var trainer = new Trainer(model, optimizer, new SparseCategoricalCrossEntropy(), new Accuracy());
        trainer.Fit((IDataset?)augmented ?? small, epochs: recipe.ScratchEpochs, batchSize: options.BatchSize, seed: seed, verbose: 0);
        model.eval();
        return model;
    }

    /// <summary>The fraction of <paramref name="data"/> the model classifies correctly (inference mode).</summary>
    public static double Evaluate(nn.Module<Tensor, Tensor> model, IDataset data)
    {
        model.eval();
        long correct = 0;
        using var noGrad = no_grad();
        foreach (var batch in new DataLoader(data, 500).Epoch())
        {
            using (batch)
            using (NewDisposeScope())
            {
                var predicted = model.call(batch.Inputs).argmax(1);
                correct += predicted.eq(batch.Targets).sum().item<long>();
            }
        }
        return (double)correct / data.Count;
    }

    private TransferModule PretrainedBase()
    {
        var model = FashionNets.Base(recipe.BaseName);
        model.load_state_dict(baseWeights);
        return model;
    }
}
