using ModelDsl.Runtime;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

using TensorDataset = ModelDsl.Training.Data.TensorDataset;

namespace ModelDsl.Training.Tests.Training;

public sealed class LogitsPathTests
{
    /// <summary>A hand-written classifier ending in softmax, as generated models are.</summary>
    private class SaturatedClassifier : nn.Module<Tensor, Tensor>
    {
        private readonly Linear linear;

        public SaturatedClassifier() : base(nameof(SaturatedClassifier))
        {
            linear = nn.Linear(2, 3);
            RegisterComponents();
            using var noGrad = no_grad();
            linear.weight!.copy_(tensor(new[] { 0f, 0f, 100f, 100f, -100f, -100f }, [3, 2]));
            linear.bias!.zero_();
        }

        public override Tensor forward(Tensor input) => nn.functional.softmax(ForwardLogits(input), 1);

        public Tensor ForwardLogits(Tensor input) => linear.call(input);
    }

    private sealed class SaturatedClassifierWithLogits : SaturatedClassifier, ILogitsModule;

    private sealed class SaysItHasNoLogits : SaturatedClassifier, ILogitsModule
    {
        bool ILogitsModule.HasLogits => false;
    }

    private static TensorDataset OneExample() => new(tensor(new[] { 1f, 1f }, [1, 2]), tensor(new[] { 1f, 0f, 0f }, [1, 3]));

    [Fact]
    public void A_module_exposing_its_logits_trains_through_them()
    {
        using var model = new SaturatedClassifierWithLogits();
        using var data = OneExample();
        using var trainer = new Trainer(model, "sgd", "categorical_crossentropy");

        Assert.True(trainer.TrainsOnLogits);
        Assert.Equal(200.0, trainer.Evaluate(data)["loss"], 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Without_logits_the_probabilities_are_clipped_like_keras_so_the_loss_stays_finite(bool saysNoLogits)
    {
        using SaturatedClassifier model = saysNoLogits ? new SaysItHasNoLogits() : new SaturatedClassifier();
        using var data = OneExample();
        using var trainer = new Trainer(model, "sgd", "categorical_crossentropy");

        Assert.False(trainer.TrainsOnLogits);
        // p(class 0) underflows to 0; Keras clips it to 1e-7, so the loss is -log(1e-7) = 16.118.
        Assert.Equal(-Math.Log(1e-7), trainer.Evaluate(data)["loss"], 3);
    }

    [Fact]
    public void A_from_logits_loss_is_applied_to_the_outputs_as_they_are()
    {
        using var model = TestModels.Linear(2, 3);
        using var data = OneExample();
        using var sgd = optim.SGD(model.parameters(), 0.01);
        using var trainer = new Trainer(model, sgd, new CategoricalCrossEntropy(fromLogits: true));

        Assert.False(trainer.TrainsOnLogits); // nothing to strip: the model already outputs logits
        using var logits = model.call(tensor(new[] { 1f, 1f }, [1, 2]));
        using var expected = nn.functional.cross_entropy(logits, tensor(new[] { 1f, 0f, 0f }, [1, 3]));
        Assert.Equal(expected.ToDouble(), trainer.Evaluate(data)["loss"], 6);
    }

    [Fact]
    public void Sparse_probabilities_are_clipped_like_keras_and_match_nll_of_the_log()
    {
        using var probabilities = tensor(new[] { 0.7f, 0.2f, 0.1f, 0f, 1f, 0f }, [2, 3]);
        using var targets = tensor(new long[] { 0, 0 }, [2]);

        using var loss = new SparseCategoricalCrossEntropy().Compute(probabilities, targets);

        Assert.Equal((-Math.Log(0.7) - Math.Log(1e-7)) / 2, loss.ToDouble(), 4);
    }
}
