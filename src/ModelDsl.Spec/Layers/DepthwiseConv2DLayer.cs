using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// Depthwise convolution: <c>depthwiseconv2d(kernel, activation, stride=, padding=, multiplier=, dilation=, bias=)</c>;
    /// PyTorch's Conv2d with groups = input channels and out = in * multiplier.
    /// </summary>
    /// <param name="Kernel">Kernel size.</param>
    /// <param name="Stride">Stride.</param>
    /// <param name="Padding">Declared padding.</param>
    /// <param name="DepthMultiplier">Output channels per input channel.</param>
    /// <param name="Dilation">Dilation.</param>
    /// <param name="UseBias">Whether the layer has a bias.</param>
    /// <param name="Activation">Fused activation.</param>
    public sealed record DepthwiseConv2DLayer(IntPair Kernel, IntPair Stride, Padding Padding, int DepthMultiplier, IntPair Dilation, bool UseBias, ActivationKind Activation) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.DepthwiseConv2D;

        /// <inheritdoc />
        public override ActivationKind AppliedActivation => Activation;

        /// <inheritdoc />
        public override IntPair? KernelSize => Kernel;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.DepthwiseConv2D, "depthwiseconv2d", "DepthwiseConv2D", "depthwise_conv2d", "Conv2d", "Depthwise 2-D convolution (one filter set per input channel).",
            new[]
            {
                new ArgumentDescriptor("kernel", ArgumentKind.Pair, null, "kernel size: k or HxW"),
                new ArgumentDescriptor("activation", ArgumentKind.Activation, ArgValue.OfName("linear"), "fused activation"),
                new ArgumentDescriptor("stride", ArgumentKind.Pair, ArgValue.OfInt(1), "stride"),
                new ArgumentDescriptor("padding", ArgumentKind.Padding, ArgValue.OfName("valid"), "valid, same or explicit pads"),
                new ArgumentDescriptor("multiplier", ArgumentKind.PositiveInt, ArgValue.OfInt(1), "depth multiplier"),
                new ArgumentDescriptor("dilation", ArgumentKind.Pair, ArgValue.OfInt(1), "dilation"),
                new ArgumentDescriptor("bias", ArgumentKind.Bool, ArgValue.OfBool(true), "learn a bias"),
            },
            a => new DepthwiseConv2DLayer(a.Pair("kernel"), a.Pair("stride"), a.Padding("padding"), a.Int("multiplier"), a.Pair("dilation"), a.Bool("bias"), a.Activation("activation")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            if (!SpatialMath.TryWindow(context, Kernel, Stride, Padding, Dilation, out var pads, out var h, out var w, out failure)) return failure;
            var outChannels = ShapeArithmetic.Dimension((long)context.Input.Channels * DepthMultiplier, "the output channels");
            var weight = WeightTensor.Of("weight", WeightRole.Trainable, outChannels, 1, Kernel.H, Kernel.W);
            var weights = UseBias ? new[] { weight, WeightTensor.Of("bias", WeightRole.Trainable, outChannels) } : new[] { weight };
            return context.Checked(new LayerOutcome(TensorShape.Of(outChannels, h, w), weights, SpatialMath.ConvMultAdds(weight, h, w), pads));
        }
    }
}
