using ModelDsl.Training.Data;

namespace ModelDsl.Transfer.Tests;

public class WorkflowTests
{
    private const string BaseSpec = """
        model Base(input = 1x8x8) {
          c1: conv2d(4, 3, padding=same) > bn1: batchnorm > relu > maxpool2d(2)
          c2: conv2d(8, 3, padding=same) > bn2: batchnorm > relu
        }
        """;

    private const string Head = "flatten > fc: dense(3, softmax)";

    [Theory]
    [InlineData("flatten > fc: dense(3, softmax)", true)]
    [InlineData("flatten > fc: dense(3)", false)]
    public void The_trainer_uses_logits_only_when_the_head_ends_in_softmax(string head, bool onLogits)
    {
        using var model = TransferModel.WithHead(TransferModule.FromText(BaseSpec, "Base"), head);
        using var trainer = new ModelDsl.Training.Trainer(model, "adam", "categorical_crossentropy", "accuracy");
        Assert.Equal(onLogits, trainer.TrainsOnLogits);
        using var baseOnly = TransferModule.FromText(BaseSpec, "Base");
        using var baseTrainer = new ModelDsl.Training.Trainer(baseOnly, "adam", "mse");
        Assert.False(baseTrainer.TrainsOnLogits);
    }

    [Fact]
    public void Feature_extraction_trains_only_the_head_and_learns()
    {
        using var model = TransferModel.WithHead(TransferModule.FromText(BaseSpec, "Base"), Head);
        using var data = Dataset(96, seed: 3);
        var before = FreezeTests.Snapshot(model);
        var history = TransferWorkflows.FeatureExtraction(model, data, epochs: 15, learningRate: 0.01,
            new TransferTrainingOptions { Verbose = 0, BatchSize = 16 });
        var after = FreezeTests.Snapshot(model);

        Assert.All(before.Keys.Where(k => k.StartsWith("base.", StringComparison.Ordinal)), k => Assert.Equal(before[k], after[k]));
        Assert.NotEqual(before["head.fc.weight"], after["head.fc.weight"]);
        var loss = history["loss"];
        Assert.Equal(15, loss.Count);
        Assert.True(loss[^1] < loss[0] * 0.8, $"loss {loss[0]:F3} -> {loss[^1]:F3}");
        Assert.True(history["accuracy"][^1] > 0.6);
        Assert.False(model.training);
    }

    [Fact]
    public void Fine_tuning_trains_the_head_then_the_top_of_the_base_and_keeps_batchnorm_frozen()
    {
        using var model = TransferModel.WithHead(TransferModule.FromText(BaseSpec, "Base"), Head);
        using var data = Dataset(64, seed: 4);
        var before = FreezeTests.Snapshot(model);
        // The base's layers: 0 input, 1 c1, 2 bn1, 3 relu, 4 maxpool, 5 c2, 6 bn2, 7 relu: the top 3 hold c2 and bn2.
        var result = TransferWorkflows.FineTune(model, data, headEpochs: 2, headLearningRate: 0.01, unfreezeTopLayers: 3,
            fineTuneEpochs: 2, fineTuneLearningRate: 0.001, new TransferTrainingOptions { Verbose = 0, BatchSize = 16 });
        var after = FreezeTests.Snapshot(model);

        Assert.Equal([0, 1], result.Head.Epochs);
        Assert.Equal([2, 3], result.FineTune.Epochs);
        Assert.NotEqual(before["base.c2.weight"], after["base.c2.weight"]);
        Assert.NotEqual(before["head.fc.weight"], after["head.fc.weight"]);
        foreach (var key in new[] { "base.c1.weight", "base.bn1.weight", "base.bn1.running_mean", "base.bn2.weight", "base.bn2.running_mean", "base.bn2.running_var" })
        {
            Assert.Equal(before[key], after[key]);
        }
        Assert.Equal(4 * 9 * 8 + 8 + 8 * 4 * 4 * 3 + 3, model.ParameterCounts().Trainable);
    }

    private static TensorDataset Dataset(int count, int seed)
    {
        var (inputs, targets) = FreezeTests.RandomData(count, seed);
        return new TensorDataset(inputs, targets);
    }
}
