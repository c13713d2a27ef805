using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Fully connected layer: <c>dense(units, activation, bias=)</c>; PyTorch's Linear.</summary>
    /// <param name="Units">Output features.</param>
    /// <param name="Activation">Fused activation.</param>
    /// <param name="UseBias">Whether the layer has a bias.</param>
    public sealed record DenseLayer(int Units, ActivationKind Activation, bool UseBias) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Dense;

        /// <inheritdoc />
        public override ActivationKind AppliedActivation => Activation;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Dense, "dense", "Dense", "dense", "Linear", "Fully connected layer with an optional fused activation.",
            new[]
            {
                new ArgumentDescriptor("units", ArgumentKind.PositiveInt, null, "output features"),
                new ArgumentDescriptor("activation", ArgumentKind.Activation, ArgValue.OfName("linear"), "fused activation"),
                new ArgumentDescriptor("bias", ArgumentKind.Bool, ArgValue.OfBool(true), "learn a bias"),
            },
            a => new DenseLayer(a.Int("units"), a.Activation("activation"), a.Bool("bias")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            var input = context.Input;
            if (input.Rank != 1)
            {
                return input.IsImage
                    ? context.Fail(DiagnosticCatalog.DenseNeedsFlatten, context.DisplayName, input)
                    : context.Fail(DiagnosticCatalog.WrongInputRank, context.DisplayName, context.TypeName, "vector", input);
            }
            var weight = WeightTensor.Of("weight", WeightRole.Trainable, Units, input.Channels);
            var weights = UseBias ? new[] { weight, WeightTensor.Of("bias", WeightRole.Trainable, Units) } : new[] { weight };
            return new LayerOutcome(TensorShape.Of(Units), weights, weight.ElementCount, null);
        }
    }
}
