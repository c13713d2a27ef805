using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Losses;
using static TorchSharp.torch;

namespace ModelDsl.Training.Tests.Training;

public sealed class TrainerCallbackTests
{
    // From epoch 3 on the learning rate is far past 2/curvature, so plain SGD diverges and val_loss rises.
    private static LearningRateScheduler DivergeFromEpoch3() => new((epoch, lr) => epoch < 3 ? 0.1 : 1.5);

    private static Loss Mse => Loss.FromName("mse");

    [Fact]
    public void Early_stopping_stops_and_restores_the_best_weights()
    {
        using var train = TestModels.Regression(200, seed: 1);
        using var val = TestModels.Regression(50, seed: 2);
        using var model = TestModels.Linear(2, 1);
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        using var trainer = new Trainer(model, optimizer, Mse);
        var stop = new EarlyStopping("val_loss", patience: 2, restoreBestWeights: true);

        var history = trainer.Fit(train, epochs: 20, batchSize: 20, validationData: val, seed: 1, verbose: 0,
            callbacks: [DivergeFromEpoch3(), stop]);

        Assert.Equal(2, stop.BestEpoch);
        Assert.Equal(4, stop.StoppedEpoch);
        Assert.Equal(5, history.Epochs.Count);
        Assert.True(history["val_loss"][4] > history["val_loss"][2]);
        // The model left the fit with epoch 2's weights: evaluating it again gives epoch 2's val_loss.
        Assert.Equal(history["val_loss"][2], trainer.Evaluate(val)["loss"], 6);
    }

    [Fact]
    public void Best_only_checkpoint_keeps_the_best_epoch_and_it_loads_back()
    {
        using var dir = new TempDir();
        using var train = TestModels.Regression(200, seed: 1);
        using var val = TestModels.Regression(50, seed: 2);
        using var model = TestModels.Linear(2, 1);
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        using var trainer = new Trainer(model, optimizer, Mse);
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "ckpt-{epoch:02d}-{val_loss:.4f}.pt"), saveBestOnly: true);

        var history = trainer.Fit(train, epochs: 6, batchSize: 20, validationData: val, seed: 1, verbose: 0,
            callbacks: [DivergeFromEpoch3(), checkpoint]);

        var best = Enumerable.Range(0, 6).MinBy(e => history["val_loss"][e]);
        Assert.Equal(2, best);
        Assert.Equal(best, checkpoint.BestEpoch);
        Assert.Equal(3, Directory.GetFiles(dir.Path, "ckpt-*.pt").Length); // epochs 1, 2, 3 improved; 4-6 did not
        Assert.EndsWith($"ckpt-03-{history["val_loss"][2]:F4}.pt", checkpoint.BestPath);

        using var fresh = TestModels.Linear(2, 1, seed: 99);
        using var freshOptimizer = optim.SGD(fresh.parameters(), 0.1);
        using var restored = new Trainer(fresh, freshOptimizer, Mse);
        Assert.Equal(3, restored.LoadCheckpoint(checkpoint.BestPath!));
        Assert.Equal(history["val_loss"][2], restored.Evaluate(val)["loss"], 6);
    }

    [Theory]
    [InlineData("rmsprop")]
    [InlineData("adam")]
    public void Two_epochs_then_a_resume_to_four_is_bit_identical_to_four_straight_epochs(string optimizer)
    {
        using var dir = new TempDir();
        var data = TestModels.FashionMnist().Train.Take(600);

        using var straightModel = TestModels.SmallMlp(seed: 5);
        using var straight = new Trainer(straightModel, optimizer, "sparse_categorical_crossentropy", "accuracy");
        var straightHistory = straight.Fit(data, epochs: 4, batchSize: 50, seed: 11, verbose: 0);

        using var firstModel = TestModels.SmallMlp(seed: 5);
        using var first = new Trainer(firstModel, optimizer, "sparse_categorical_crossentropy", "accuracy");
        first.Fit(data, epochs: 2, batchSize: 50, seed: 11, verbose: 0,
            callbacks: [new ModelCheckpoint(Path.Combine(dir.Path, "last.pt"), monitor: "loss")]);

        // A new process would start from scratch: another initialisation, fresh optimizer state.
        using var resumedModel = TestModels.SmallMlp(seed: 77);
        using var resumed = new Trainer(resumedModel, optimizer, "sparse_categorical_crossentropy", "accuracy");
        var initialEpoch = resumed.LoadCheckpoint(Path.Combine(dir.Path, "last.pt"));
        var resumedHistory = resumed.Fit(data, epochs: 4, batchSize: 50, seed: 11, initialEpoch: initialEpoch, verbose: 0);

        Assert.Equal(2, initialEpoch);
        Assert.Equal([2, 3], resumedHistory.Epochs);
        // Same seed, same thread count, same op order: the resumed run is the uninterrupted one, bit for bit.
        Assert.Equal(straightHistory["loss"].Skip(2), resumedHistory["loss"]);
        Assert.Equal(straightHistory["accuracy"].Skip(2), resumedHistory["accuracy"]);
        Assert.Equal(TestModels.Weights(straightModel), TestModels.Weights(resumedModel));
    }

    [Fact]
    public void A_resumed_fit_gets_the_values_saved_with_its_checkpoint()
    {
        using var dir = new TempDir();
        var data = TestModels.FashionMnist().Train.Take(200);
        using var model = TestModels.SmallMlp(seed: 5);
        using var trainer = new Trainer(model, "rmsprop", "sparse_categorical_crossentropy", "accuracy");
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "best.pt"), monitor: "loss", saveBestOnly: true);
        trainer.Fit(data, epochs: 2, batchSize: 50, seed: 11, verbose: 0, callbacks: [checkpoint]);

        using var resumedModel = TestModels.SmallMlp(seed: 77);
        using var resumed = new Trainer(resumedModel, "rmsprop", "sparse_categorical_crossentropy", "accuracy");
        var initialEpoch = resumed.LoadCheckpoint(checkpoint.BestPath!);
        var again = new ModelCheckpoint(Path.Combine(dir.Path, "best.pt"), monitor: "loss", saveBestOnly: true);
        // An epoch range that is already done runs no epoch, so the restored best is what OnTrainBegin set.
        resumed.Fit(data, epochs: initialEpoch, batchSize: 50, seed: 11, initialEpoch: initialEpoch, verbose: 0, callbacks: [again]);

        Assert.Equal(checkpoint.Best, again.Best, 12);
        Assert.True(double.IsFinite(again.Best));
    }

    [Fact]
    public void A_checkpoint_that_does_not_fit_the_model_is_reported()
    {
        using var dir = new TempDir();
        using var small = TestModels.Linear(2, 1);
        using var smallTrainer = new Trainer(small, "sgd", "mse");
        smallTrainer.SaveCheckpoint(dir.File("small.pt"), 0);
        using var big = TestModels.Linear(3, 1);
        using var bigTrainer = new Trainer(big, "sgd", "mse");

        var e = Assert.Throws<InvalidDataException>(() => bigTrainer.LoadCheckpoint(dir.File("small.pt")));

        Assert.Contains("small.pt", e.Message);
        Assert.Contains("0.weight", e.Message);
    }

    [Fact]
    public void Reduce_lr_on_plateau_and_the_schedulers_drive_the_torchsharp_optimizer()
    {
        using var data = TestModels.Regression(100, seed: 1);
        using var model = TestModels.Linear(2, 1);
        using var sgd = optim.SGD(model.parameters(), 0.05);
        using var trainer = new Trainer(model, sgd, Mse);
        // A monitored value that never improves after epoch 0: patience 1 halves the rate every epoch from epoch 1 on.
        var plateau = new ReduceLROnPlateau("constant", factor: 0.5, patience: 1);
        var constant = new LambdaCallback(onEpochEnd: (_, logs) => logs["constant"] = 1.0);

        var history = trainer.Fit(data, epochs: 4, batchSize: 50, verbose: 0, callbacks: [constant, plateau]);

        Assert.Equal([0.05, 0.05, 0.025, 0.0125], history["lr"]);
        Assert.Equal(0.00625, sgd.ParamGroups.Single().LearningRate, 12);

        using var model2 = TestModels.Linear(2, 1);
        using var sgd2 = optim.SGD(model2.parameters(), 0.1);
        using var trainer2 = new Trainer(model2, sgd2, Mse);
        var step = optim.lr_scheduler.StepLR(sgd2, step_size: 2, gamma: 0.1);
        var history2 = trainer2.Fit(data, epochs: 4, batchSize: 50, verbose: 0, callbacks: [new TorchLRScheduler(step)]);

        Assert.Equal([0.1, 0.1, 0.01, 0.01], history2["lr"].Select(v => Math.Round(v, 10)));

        // TorchSharp's own ReduceLROnPlateau gets the monitored value (PyTorch rule: reduce once bad epochs exceed patience).
        using var model3 = TestModels.Linear(2, 1);
        using var sgd3 = optim.SGD(model3.parameters(), 0.1);
        using var trainer3 = new Trainer(model3, sgd3, Mse);
        var torchPlateau = optim.lr_scheduler.ReduceLROnPlateau(sgd3, factor: 0.5, patience: 1);
        var history3 = trainer3.Fit(data, epochs: 4, batchSize: 50, verbose: 0,
            callbacks: [new LambdaCallback(onEpochEnd: (_, logs) => logs["constant"] = 1.0), new TorchLRScheduler(torchPlateau, monitor: "constant")]);

        Assert.Equal([0.1, 0.1, 0.1, 0.05], history3["lr"].Select(v => Math.Round(v, 10)));
    }
}
