using ModelDsl.Runtime.Inference;
using ModelDsl.Runtime.Spec;
using ModelDsl.Training;
using ModelDsl.Training.Data;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Tests.Inference;

/// <summary>
/// Trainer.Predict runs spec models through their inference plan (BatchNorm folded, channels-last) with the model's own
/// eval outputs, follows weights changed by training, and the opt-out gives the plain forward.
/// </summary>
public class TrainerInferenceTests
{
    private const string Spec = """
        model Net(input = 3x12x12) {
          c1: conv2d(8, 3, padding=1, bias=false) > b1: batchnorm > relu > maxpool2d(2)
          residual { c2: conv2d(8, 3, padding=1, bias=false) > b2: batchnorm }
          relu > globalavgpool2d > d: dense(4, softmax)
        }
        """;

    [Fact]
    public void Predict_through_the_plan_equals_the_eval_forward_and_follows_training()
    {
        manual_seed(31);
        using var model = SpecModule.FromText(Spec, "Net");
        using var x = randn(40, 3, 12, 12);
        using var y = randint(0, 4, [40]);
        using var data = new TensorDataset(x, y);
        using var trainer = new Trainer(model, "sgd", "sparse_categorical_crossentropy");
        Assert.True(trainer.UseInferencePath);

        // BatchNorm statistics move during a fit: the plan built before must not be reused after it.
        trainer.Fit(data, epochs: 1, batchSize: 8, verbose: 0);
        var first = PredictAndCompare(trainer, model, data, x, "after one epoch");
        trainer.Fit(data, epochs: 1, batchSize: 8, verbose: 0);
        var second = PredictAndCompare(trainer, model, data, x, "after two epochs");
        Assert.True((first - second).abs().max().item<float>() > 1e-6, "training changed the predictions");

        trainer.UseInferencePath = false;
        using var plain = trainer.Predict(data, batchSize: 16);
        RelativelyClose(second, plain, 1e-5, "opt-out");
        InferencePath.Invalidate(model);
    }

    [Fact]
    public void Evaluate_and_validation_through_the_plan_equal_the_plain_forward()
    {
        manual_seed(37);
        using var model = SpecModule.FromText(Spec, "Net");
        using var x = randn(48, 3, 12, 12);
        using var y = randint(0, 4, [48]);
        using var data = new TensorDataset(x, y);
        using var trainer = new Trainer(model, "sgd", "sparse_categorical_crossentropy", "accuracy");
        var history = trainer.Fit(data, epochs: 1, batchSize: 8, verbose: 0, validationData: data);

        var planned = trainer.Evaluate(data, batchSize: 16);
        trainer.UseInferencePath = false;
        var plain = trainer.Evaluate(data, batchSize: 16);
        Assert.Equal(plain["loss"], planned["loss"], 4);
        Assert.Equal(plain["accuracy"], planned["accuracy"]);
        // Validation after the epoch ran through a plan of that epoch's weights, not a stale one.
        Assert.Equal(plain["loss"], history["val_loss"][^1], 4);
        InferencePath.Invalidate(model);
    }

    [Fact]
    public void Predict_restores_the_training_mode()
    {
        using var model = SpecModule.FromText(Spec, "Net");
        using var x = randn(4, 3, 12, 12);
        using var data = new TensorDataset(x, zeros(4, ScalarType.Int64));
        using var trainer = new Trainer(model, "sgd", "sparse_categorical_crossentropy");
        model.train();
        using var outputs = trainer.Predict(data, batchSize: 3);
        Assert.True(model.training);
        Assert.Equal(new long[] { 4, 4 }, outputs.shape);
        InferencePath.Invalidate(model);
    }

    private static Tensor PredictAndCompare(Trainer trainer, SpecModule model, IDataset data, Tensor x, string what)
    {
        var predicted = trainer.Predict(data, batchSize: 16);
        model.eval();
        using (no_grad())
        {
            using var expected = model.forward(x);
            RelativelyClose(expected, predicted, 1e-5, what);
        }
        model.train();
        return predicted;
    }

    private static void RelativelyClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var scale = expected.abs().max().item<float>();
        var worst = (expected - actual).abs().max().item<float>();
        Assert.True(worst <= tolerance * scale, $"{what}: max |difference| {worst:E2} > {tolerance:E0} x {scale:E2}");
    }
}
