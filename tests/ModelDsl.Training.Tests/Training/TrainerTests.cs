using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

using TensorDataset = ModelDsl.Training.Data.TensorDataset;

namespace ModelDsl.Training.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void Seed_convnet_as_a_plain_torchsharp_sequential_learns_fashion_mnist_far_above_chance()
    {
        var data = TestModels.FashionMnist(TargetEncoding.OneHot);
        var train = data.Train.Take(3000);
        var test = data.Test.Take(500);
        using var model = TestModels.SeedConvNet();
        using var trainer = new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy");
        // Initial weights come from the global generator, which tests running beside this one also draw from, so
        // the bar (5x chance) leaves room for an unlucky draw: typical runs end at 0.65-0.75.
        var history = trainer.Fit(train, epochs: 4, batchSize: 64, seed: 7, verbose: 0);
        var result = trainer.Evaluate(test, batchSize: 256);

        Assert.True(trainer.TrainsOnLogits, "A Sequential ending in Softmax must train through its logits.");
        Assert.True(result["accuracy"] >= 0.5, $"test accuracy {result["accuracy"]:F3} after 4 epochs on 3,000 images (chance is 0.1)");
        Assert.True(history["loss"][3] < history["loss"][0], $"loss should fall: {string.Join(", ", history["loss"])}");
    }

    [Fact]
    public void A_torchsharp_optimizer_object_passed_directly_trains_the_model()
    {
        var data = TestModels.FashionMnist();
        using var model = TestModels.SmallMlp(seed: 4);
        using var adam = optim.Adam(model.parameters(), lr: 0.003);
        using var trainer = new Trainer(model, adam, "sparse_categorical_crossentropy", "accuracy");

        var history = trainer.Fit(data.Train.Take(3000), epochs: 2, batchSize: 50, seed: 3, verbose: 0);
        var result = trainer.Evaluate(data.Test.Take(1000), batchSize: 500);

        Assert.Same(adam, trainer.Optimizer);
        Assert.Equal(0.003, trainer.LearningRate, 12);
        Assert.True(result["accuracy"] >= 0.65, $"test accuracy {result["accuracy"]:F3} (chance is 0.1)");
        Assert.True(history["loss"][1] < history["loss"][0]);
    }

    [Fact]
    public void A_torchsharp_loss_function_can_be_the_objective()
    {
        using var data = TestModels.Regression(200, seed: 1);
        using var model = TestModels.Linear(2, 1);
        using var sgd = optim.SGD(model.parameters(), 0.1);
        using var trainer = new Trainer(model, sgd, Losses.Loss.From("l1", (o, t) => nn.functional.l1_loss(o, t)));

        var history = trainer.Fit(data, epochs: 15, batchSize: 20, verbose: 0);

        Assert.True(history["loss"][^1] < 0.2, $"L1 loss {history["loss"][^1]}");
    }

    private static (Linear Linear, Sequential Model) SaturatedClassifier()
    {
        // Logits (0, 200, -200) for input (1, 1): softmax underflows to exact 0 and 1 in float32.
        var linear = nn.Linear(2, 3);
        using (no_grad())
        {
            linear.weight!.copy_(tensor(new[] { 0f, 0f, 100f, 100f, -100f, -100f }, [3, 2]));
            linear.bias!.zero_();
        }
        return (linear, nn.Sequential(linear, nn.Softmax(1)));
    }

    [Fact]
    public void A_softmax_ended_model_gets_the_exact_loss_of_its_logits_even_when_saturated()
    {
        var (linear, model) = SaturatedClassifier();
        using var _ = model;
        using var data = new TensorDataset(tensor(new[] { 1f, 1f }, [1, 2]), tensor(new[] { 1f, 0f, 0f }, [1, 3]));
        using var trainer = new Trainer(model, "sgd", "categorical_crossentropy");

        var loss = trainer.Evaluate(data)["loss"];

        // log-softmax gives 200 + log(1 + e^-400) = 200; Keras's clipped probabilities would give -log(1e-7) = 16.1.
        Assert.Equal(200.0, loss, 3);
        var history = trainer.Fit(data, epochs: 1, batchSize: 1, verbose: 0);
        Assert.True(double.IsFinite(history["loss"][0]));
        // The gradient survived saturation: SGD moved the weights of class 0 towards the input.
        Assert.True(linear.weight!.detach()[0, 0].ToSingle() > 0.001f);
    }

    [Fact]
    public void Sparse_targets_with_categorical_loss_are_rejected_with_a_hint()
    {
        var data = TestModels.FashionMnist().Train.Take(64);
        using var model = TestModels.SmallMlp();
        using var trainer = new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy");

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(data, epochs: 1, verbose: 0));

        Assert.Contains("sparse_categorical_crossentropy", e.Message);
        Assert.Contains("Int64 [32]", e.Message);
    }

    private static TensorDataset WithNanAtExample5()
    {
        var x = new float[8 * 2];
        x[5 * 2] = float.NaN; // example 5 is in the third batch of two (no shuffle)
        return new TensorDataset(tensor(x, [8, 2]), zeros(8, 1));
    }

    [Fact]
    public void A_nan_loss_names_the_epoch_and_batch()
    {
        using var data = WithNanAtExample5();
        using var model = TestModels.Linear(2, 1);
        using var trainer = new Trainer(model, "sgd", "mse");

        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(data, epochs: 2, batchSize: 2, shuffle: false, verbose: 0));

        Assert.Equal((0, 2), (e.Epoch, e.Batch));
        Assert.Equal("loss", e.Quantity);
        Assert.True(double.IsNaN(e.Value));
        Assert.StartsWith("loss is NaN at epoch 1, batch 3 (of 4)", e.Message);
        Assert.Empty(e.History.Epochs);
    }

    [Fact]
    public void Terminate_on_nan_records_the_reason_and_the_fit_still_reports_the_nan()
    {
        using var data = WithNanAtExample5();
        using var model = TestModels.Linear(2, 1);
        using var trainer = new Trainer(model, "sgd", "mse");
        var terminate = new TerminateOnNaN();
        var batches = 0;

        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(data, epochs: 3, batchSize: 2, shuffle: false, verbose: 0,
            callbacks: [terminate, new LambdaCallback(onBatchEnd: (_, _) => batches++)]));

        Assert.Equal(3, batches);
        Assert.Empty(e.History.Epochs);
        Assert.Contains("epoch 1, batch 3", terminate.Reason);
        Assert.Contains("epoch 1, batch 3 (of 4)", e.Message);
    }

    [Fact]
    public void Validation_split_takes_the_end_of_the_data_and_logs_val_values()
    {
        using var data = TestModels.Regression(100, seed: 1);
        using var model = TestModels.Linear(2, 1);
        using var trainer = new Trainer(model, "adam", "mse");
        var steps = 0;

        var history = trainer.Fit(data, epochs: 2, batchSize: 10, validationSplit: 0.2, verbose: 0,
            callbacks: [new LambdaCallback(onBatchEnd: (_, _) => steps++)]);

        Assert.Equal(16, steps); // 80 training examples in batches of 10, two epochs
        Assert.Equal(["loss", "val_loss"], history.Keys);
    }

    [Fact]
    public void Predict_returns_one_row_per_example_and_the_confusion_matrix_agrees_with_evaluate()
    {
        var data = TestModels.FashionMnist().Test.Take(300);
        using var model = TestModels.SmallMlp();
        using var trainer = new Trainer(model, "adam", "sparse_categorical_crossentropy", "accuracy");
        trainer.Fit(TestModels.FashionMnist().Train.Take(1000), epochs: 1, batchSize: 50, verbose: 0);

        using var outputs = trainer.Predict(data, batchSize: 64);
        var matrix = trainer.ConfusionMatrix(data, TestModels.FashionMnist().ClassNames, batchSize: 64);
        var classes = trainer.PredictClasses(data, batchSize: 64);

        Assert.Equal([300L, 10L], outputs.shape);
        Assert.Equal(300, matrix.Total);
        Assert.Equal(300, classes.Length);
        Assert.Equal(trainer.Evaluate(data)["accuracy"], matrix.Accuracy, 10);
    }

    [Fact]
    public void Repeated_fits_do_not_accumulate_native_tensors()
    {
        using var data = TestModels.Regression(64, seed: 2);
        using var model = TestModels.Seeded(1, () => nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1)));
        using var trainer = new Trainer(model, "rmsprop", "mse");
        using var outer = NewDisposeScope();

        for (var i = 0; i < 3; i++) trainer.Fit(data, epochs: 2, batchSize: 8, verbose: 0);
        trainer.Evaluate(data);

        // Every step, batch and evaluation released its tensors: none escaped into the caller's scope.
        Assert.Equal(0, outer.DisposablesCount);
    }
}
