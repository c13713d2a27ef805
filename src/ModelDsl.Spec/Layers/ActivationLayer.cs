using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>A standalone activation: <c>activation(relu)</c> or the shorthands <c>relu</c>, <c>relu6</c>, <c>sigmoid</c>, <c>tanh</c>, <c>softmax</c>.</summary>
    /// <param name="Activation">The function.</param>
    public sealed record ActivationLayer(ActivationKind Activation) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Activation;

        /// <inheritdoc />
        public override ActivationKind AppliedActivation => Activation;

        /// <summary>Catalogue entry of the generic form <c>activation(name)</c>.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Activation, "activation", "Activation", "activation", "Identity", "A standalone activation function.",
            new[] { new ArgumentDescriptor("function", ArgumentKind.Activation, null, "linear, relu, relu6, sigmoid, tanh or softmax") },
            a => new ActivationLayer(a.Activation("function")));

        /// <summary>Shorthand entries: <c>relu</c>, <c>relu6</c>, <c>sigmoid</c>, <c>tanh</c>, <c>softmax</c>.</summary>
        public static LayerDescriptor[] Shorthands { get; } =
        {
            Shorthand(ActivationKind.Relu, "relu", "ReLU", "re_lu", "ReLU"),
            Shorthand(ActivationKind.Relu6, "relu6", "ReLU", "re_lu", "ReLU6"),
            Shorthand(ActivationKind.Sigmoid, "sigmoid", "Activation", "activation", "Sigmoid"),
            Shorthand(ActivationKind.Tanh, "tanh", "Activation", "activation", "Tanh"),
            Shorthand(ActivationKind.Softmax, "softmax", "Softmax", "softmax", "Softmax"),
        };

        private static LayerDescriptor Shorthand(ActivationKind kind, string keyword, string kerasType, string kerasName, string torchType)
            => new LayerDescriptor(LayerKind.Activation, keyword, kerasType, kerasName, torchType, "Shorthand for activation(" + keyword + ").",
                new ArgumentDescriptor[0], _ => new ActivationLayer(kind));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(context.Input);
    }
}
