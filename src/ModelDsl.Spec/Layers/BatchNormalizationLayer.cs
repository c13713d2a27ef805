using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// Batch normalization over channels (axis 1): <c>batchnorm(eps=0.001, momentum=0.99)</c>.
    /// Momentum follows Keras (moving = momentum * moving + (1 - momentum) * batch);
    /// PyTorch's momentum is <see cref="TorchMomentum"/>.
    /// </summary>
    /// <param name="Epsilon">Added to the variance.</param>
    /// <param name="Momentum">Keras-convention momentum of the moving statistics.</param>
    public sealed record BatchNormalizationLayer(double Epsilon, double Momentum) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.BatchNormalization;

        /// <summary>PyTorch's momentum: 1 - <see cref="Momentum"/>.</summary>
        public double TorchMomentum => 1 - Momentum;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.BatchNormalization, "batchnorm", "BatchNormalization", "batch_normalization", "BatchNorm2d",
            "Batch normalization over the channel axis; Keras defaults (PyTorch: eps=1e-5, momentum=0.9).",
            new[]
            {
                new ArgumentDescriptor("eps", ArgumentKind.Float, ArgValue.OfFloat(0.001), "epsilon added to the variance"),
                new ArgumentDescriptor("momentum", ArgumentKind.Rate, ArgValue.OfFloat(0.99), "Keras-style momentum of the moving statistics"),
            },
            a => new BatchNormalizationLayer(a.Float("eps"), a.Float("momentum")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            var c = context.Input.Channels;
            var weights = new[]
            {
                WeightTensor.Of("weight", WeightRole.Trainable, c),
                WeightTensor.Of("bias", WeightRole.Trainable, c),
                WeightTensor.Of("running_mean", WeightRole.RunningStatistic, c),
                WeightTensor.Of("running_var", WeightRole.RunningStatistic, c),
                WeightTensor.Of("num_batches_tracked", WeightRole.Counter),
            };
            return new LayerOutcome(context.Input, weights, 0, null);
        }
    }
}
