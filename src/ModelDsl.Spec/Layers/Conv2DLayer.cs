using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>2-D convolution: <c>conv2d(filters, kernel, activation, stride=, padding=, dilation=, groups=, bias=)</c>.</summary>
    /// <param name="Filters">Output channels.</param>
    /// <param name="Kernel">Kernel size.</param>
    /// <param name="Stride">Stride.</param>
    /// <param name="Padding">Declared padding (resolved per input by inference).</param>
    /// <param name="Dilation">Dilation.</param>
    /// <param name="Groups">Groups (input channels and filters must be divisible by it).</param>
    /// <param name="UseBias">Whether the layer has a bias.</param>
    /// <param name="Activation">Fused activation.</param>
    public sealed record Conv2DLayer(int Filters, IntPair Kernel, IntPair Stride, Padding Padding, IntPair Dilation, int Groups, bool UseBias, ActivationKind Activation) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Conv2D;

        /// <inheritdoc />
        public override ActivationKind AppliedActivation => Activation;

        /// <inheritdoc />
        public override IntPair? KernelSize => Kernel;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Conv2D, "conv2d", "Conv2D", "conv2d", "Conv2d", "2-D convolution with an optional fused activation.",
            new[]
            {
                new ArgumentDescriptor("filters", ArgumentKind.PositiveInt, null, "output channels"),
                new ArgumentDescriptor("kernel", ArgumentKind.Pair, null, "kernel size: k or HxW"),
                new ArgumentDescriptor("activation", ArgumentKind.Activation, ArgValue.OfName("linear"), "fused activation"),
                new ArgumentDescriptor("stride", ArgumentKind.Pair, ArgValue.OfInt(1), "stride: s or HxW"),
                new ArgumentDescriptor("padding", ArgumentKind.Padding, ArgValue.OfName("valid"), "valid, same, p, PHxPW or (top, bottom, left, right)"),
                new ArgumentDescriptor("dilation", ArgumentKind.Pair, ArgValue.OfInt(1), "dilation: d or HxW"),
                new ArgumentDescriptor("groups", ArgumentKind.PositiveInt, ArgValue.OfInt(1), "grouped convolution"),
                new ArgumentDescriptor("bias", ArgumentKind.Bool, ArgValue.OfBool(true), "learn a bias"),
            },
            a => new Conv2DLayer(a.Int("filters"), a.Pair("kernel"), a.Pair("stride"), a.Padding("padding"), a.Pair("dilation"),
                a.Int("groups"), a.Bool("bias"), a.Activation("activation")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            var cin = context.Input.Channels;
            if (Groups <= 0 || Filters <= 0) return context.Fail(DiagnosticCatalog.BadArgument, Groups <= 0 ? "groups" : "filters", context.DisplayName, "must be positive");
            if (cin % Groups != 0 || Filters % Groups != 0)
            {
                return context.Fail(DiagnosticCatalog.GroupsMismatch, context.DisplayName, context.TypeName, cin % Groups != 0 ? cin : Filters, Groups);
            }
            if (!SpatialMath.TryWindow(context, Kernel, Stride, Padding, Dilation, out var pads, out var h, out var w, out failure)) return failure;
            var weight = WeightTensor.Of("weight", WeightRole.Trainable, Filters, cin / Groups, Kernel.H, Kernel.W);
            var weights = UseBias ? new[] { weight, WeightTensor.Of("bias", WeightRole.Trainable, Filters) } : new[] { weight };
            var output = TensorShape.Of(Filters, h, w);
            return context.Checked(new LayerOutcome(output, weights, SpatialMath.ConvMultAdds(weight, h, w), pads));
        }
    }
}
