using ModelDsl.Torch;
using ModelDsl.Torch.Nn;
using ModelDsl.Training.Data;

namespace ModelDsl.Training.Tests.Training;

public sealed class LogitsPathTests
{
    /// <summary>A hand-written classifier ending in softmax, as generated models are.</summary>
    private sealed class SaturatedClassifier : Module
    {
        public SaturatedClassifier()
        {
            Linear = RegisterModule("linear", new Linear(2, 3));
            using var noGrad = NoGradScope.Begin();
            using var w = Tensor.FromArray([0f, 0f, 100f, 100f, -100f, -100f], 3, 2);
            Linear.Weight.CopyFrom(w);
            Linear.Bias!.Zero_();
        }

        public Linear Linear { get; }

        public override Tensor Forward(Tensor input) => Functional.Softmax(Linear.Forward(input), 1);
    }

    private sealed class SaturatedClassifierWithLogits : Module, ILogitsModule
    {
        private readonly SaturatedClassifier inner = new();

        public SaturatedClassifierWithLogits() => RegisterModule("inner", inner);

        public override Tensor Forward(Tensor input) => inner.Forward(input);

        public Tensor ForwardLogits(Tensor input) => inner.Linear.Forward(input);
    }

    private static TensorDataset OneExample() => new(Tensor.FromArray([1f, 1f], 1, 2), Tensor.FromArray([1f, 0f, 0f], 1, 3));

    [Fact]
    public void A_module_exposing_its_logits_trains_through_them()
    {
        using var model = new SaturatedClassifierWithLogits();
        using var data = OneExample();
        using var trainer = new Trainer(model, "sgd", "categorical_crossentropy");

        Assert.True(trainer.TrainsOnLogits);
        Assert.Equal(200.0, trainer.Evaluate(data)["loss"], 3);
    }

    [Fact]
    public void Without_logits_the_probabilities_are_clipped_like_keras_so_the_loss_stays_finite()
    {
        using var model = new SaturatedClassifier();
        using var data = OneExample();
        using var trainer = new Trainer(model, "sgd", "categorical_crossentropy");

        Assert.False(trainer.TrainsOnLogits);
        // p(class 0) underflows to 0; Keras clips it to 1e-7, so the loss is -log(1e-7) = 16.118.
        Assert.Equal(-Math.Log(1e-7), trainer.Evaluate(data)["loss"], 3);
    }

    [Fact]
    public void A_from_logits_loss_is_applied_to_the_outputs_as_they_are()
    {
        using var model = new Sequential(new Linear(2, 3));
        using var data = OneExample();
        using var trainer = new Trainer(model, new Torch.Optim.Sgd(model.Parameters()), new Losses.CategoricalCrossEntropy(fromLogits: true));

        Assert.False(trainer.TrainsOnLogits); // nothing to strip: the model already outputs logits
        Assert.True(double.IsFinite(trainer.Evaluate(data)["loss"]));
    }
}
