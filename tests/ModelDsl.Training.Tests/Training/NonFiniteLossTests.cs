using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Losses;
using static TorchSharp.torch;

namespace ModelDsl.Training.Tests.Training;

/// <summary>A diverging fit (issue 15) ends with the NaN, where it happened, and the epochs completed before it.</summary>
public sealed class NonFiniteLossTests
{
    /// <summary>MSE whose <paramref name="nanAtTrainingCall"/>-th training call (1-based) returns NaN; evaluation calls are not counted.</summary>
    private static Loss MseTurningNanAt(int nanAtTrainingCall)
    {
        var trainingCalls = 0;
        return Loss.From("mse_nan", (o, t) =>
        {
            var mse = nn.functional.mse_loss(o, t);
            if (!o.requires_grad) return mse;
            return ++trainingCalls == nanAtTrainingCall ? mse * double.NaN : mse;
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_nan_in_the_second_epoch_is_reported_with_its_batch_and_the_first_epoch_is_kept(bool withTerminateOnNaN)
    {
        using var dir = new TempDir();
        using var train = TestModels.Regression(40, seed: 1);
        using var validation = TestModels.Regression(20, seed: 2);
        using var model = TestModels.Linear(2, 1);
        using var sgd = optim.SGD(model.parameters(), 0.01);
        // 40 examples in batches of 10: 4 batches per epoch, so the 7th training call is epoch 2, batch 3.
        using var trainer = new Trainer(model, sgd, MseTurningNanAt(7), new ModelDsl.Training.Metrics.Accuracy());
        var csvPath = dir.File("history.csv");
        var best = new ModelCheckpoint(dir.File("best.pt"), monitor: "val_accuracy", saveBestOnly: true);
        var callbacks = new List<Callback> { best, new ModelCheckpoint(dir.File("last.pt"), monitor: "val_accuracy"), new CsvLogger(csvPath) };
        if (withTerminateOnNaN) callbacks.Add(new TerminateOnNaN());

        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(train, epochs: 4, batchSize: 10, validationData: validation,
            shuffle: false, callbacks: callbacks, verbose: 0));

        Assert.Equal(("loss", 1, 2, 4), (e.Quantity, e.Epoch, e.Batch, e.BatchesPerEpoch));
        Assert.StartsWith("loss is NaN at epoch 2, batch 3 (of 4)", e.Message);
        Assert.DoesNotContain("monitors", e.Message);
        Assert.Equal([0], e.History.Epochs);
        Assert.True(double.IsFinite(e.History["val_accuracy"][0]));
        Assert.True(double.IsFinite(e.History["loss"][0]));

        var rows = File.ReadAllLines(csvPath);
        Assert.Equal(2, rows.Length);
        Assert.Equal("epoch", rows[0].Split(',')[0]);
        Assert.Contains("val_accuracy", rows[0].Split(','));
        Assert.StartsWith("0,", rows[1]);
        Assert.True(File.Exists(dir.File("last.pt")), "the completed epoch's checkpoint is written");
        Assert.Equal(0, best.BestEpoch);
    }

    [Fact]
    public void A_nan_in_the_first_batch_leaves_an_empty_history_and_names_batch_one()
    {
        using var train = TestModels.Regression(16, seed: 3);
        using var model = TestModels.Linear(2, 1);
        using var sgd = optim.SGD(model.parameters(), 0.01);
        using var trainer = new Trainer(model, sgd, MseTurningNanAt(1));

        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(train, epochs: 2, batchSize: 8, shuffle: false, verbose: 0));

        Assert.StartsWith("loss is NaN at epoch 1, batch 1 (of 2)", e.Message);
        Assert.Contains("No epoch completed", e.Message);
        Assert.Empty(e.History.Epochs);
    }

    [Fact]
    public void A_huge_learning_rate_diverges_into_a_non_finite_loss_report()
    {
        using var train = TestModels.Regression(64, seed: 4);
        using var model = TestModels.Linear(2, 1);
        using var sgd = optim.SGD(model.parameters(), 1e6);
        using var trainer = new Trainer(model, sgd, "mse");

        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(train, epochs: 50, batchSize: 8, shuffle: false, verbose: 0));

        Assert.False(double.IsFinite(e.Value));
        Assert.Matches(@"^loss is (NaN|Infinity|-Infinity) at epoch \d+, batch \d+ \(of 8\)", e.Message);
        Assert.Equal(e.Epoch, e.History.Epochs.Count);
    }
}
