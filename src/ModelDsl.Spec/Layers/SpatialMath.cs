using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>The sliding-window arithmetic shared by convolution and pooling (PyTorch's and Keras's formula).</summary>
    internal static class SpatialMath
    {
        /// <summary>
        /// Resolves padding and computes the output height and width of a window layer;
        /// reports MDSL007 when the (dilated) window does not fit into the padded input.
        /// </summary>
        public static bool TryWindow(LayerContext ctx, IntPair kernel, IntPair stride, Padding padding, IntPair dilation,
            out Pads pads, out int outH, out int outW, out LayerOutcome failure)
        {
            var input = ctx.Input;
            pads = Pads.Zero;
            outH = outW = 0;
            // The text front end validates these; graphs built by other front ends might not be.
            if (kernel.H <= 0 || kernel.W <= 0 || stride.H <= 0 || stride.W <= 0 || dilation.H <= 0 || dilation.W <= 0)
            {
                failure = ctx.Fail(DiagnosticCatalog.BadArgument, "kernel/stride/dilation", ctx.DisplayName, "sizes must be positive");
                return false;
            }
            pads = padding.Resolve(input.Height, input.Width, kernel, stride, dilation);
            failure = LayerOutcome.Failed;
            var paddedH = (long)input.Height + pads.Vertical;
            var paddedW = (long)input.Width + pads.Horizontal;
            var effH = (long)dilation.H * (kernel.H - 1) + 1;
            var effW = (long)dilation.W * (kernel.W - 1) + 1;
            if (effH > paddedH || effW > paddedW)
            {
                failure = ctx.Fail(DiagnosticCatalog.KernelLargerThanInput, ctx.DisplayName, ctx.TypeName,
                    new IntPair((int)System.Math.Min(effH, int.MaxValue), (int)System.Math.Min(effW, int.MaxValue)),
                    new IntPair((int)System.Math.Min(paddedH, int.MaxValue), (int)System.Math.Min(paddedW, int.MaxValue)), input);
                return false;
            }
            // Padding can push an output past the largest dimension; that is MDSL028, not a wrapped size.
            outH = ShapeArithmetic.Dimension((paddedH - effH) / stride.H + 1, "the output height");
            outW = ShapeArithmetic.Dimension((paddedW - effW) / stride.W + 1, "the output width");
            return true;
        }

        /// <summary>Mult-adds of a convolution: weight elements times output positions (torchinfo's count).</summary>
        public static long ConvMultAdds(WeightTensor weight, int outH, int outW)
            => ShapeArithmetic.Product(new[] { weight.ElementCount, outH, (long)outW }, "the mult-add count");

        /// <summary>Shape rule of max/avg pooling: same window arithmetic, channels unchanged, no weights.</summary>
        public static LayerOutcome Pool(LayerContext ctx, IntPair pool, IntPair stride, Padding padding)
            => Pool(ctx, pool, stride, padding, false);

        /// <summary>Shape rule of pooling with PyTorch's <c>ceil_mode</c> when <paramref name="ceilMode"/> is set.</summary>
        public static LayerOutcome Pool(LayerContext ctx, IntPair pool, IntPair stride, Padding padding, bool ceilMode)
        {
            if (!ctx.RequireImage(out var failure)) return failure;
            if (!TryWindow(ctx, pool, stride, padding, IntPair.Square(1), out var pads, out var h, out var w, out failure)) return failure;
            if (ceilMode)
            {
                h = CeilSize(ctx.Input.Height, pads.Top, pads.Vertical, pool.H, stride.H);
                w = CeilSize(ctx.Input.Width, pads.Left, pads.Horizontal, pool.W, stride.W);
            }
            return ctx.Checked(new LayerOutcome(TensorShape.Of(ctx.Input.Channels, h, w), new WeightTensor[0], 0, pads));
        }

        // PyTorch's pooling_output_shape with ceil_mode: round up, but the last window must start inside the input or its leading pad.
        private static int CeilSize(int input, int before, int total, int kernel, int stride)
        {
            var span = (long)input + total - kernel;
            var o = (span + stride - 1) / stride + 1;
            if ((o - 1) * stride >= (long)input + before) o--;
            return ShapeArithmetic.Dimension(o, "the output size");
        }

        /// <summary>Pooling arguments: pool, stride (defaults to pool), padding.</summary>
        public static ArgumentDescriptor[] PoolArguments() => new[]
        {
            new ArgumentDescriptor("pool", ArgumentKind.Pair, ArgValue.OfInt(2), "window size: k or HxW"),
            new ArgumentDescriptor("stride", ArgumentKind.Pair, ArgValue.OfName("pool"), "stride (defaults to the window size, as in Keras)"),
            new ArgumentDescriptor("padding", ArgumentKind.Padding, ArgValue.OfName("valid"), "valid, same or explicit pads"),
            new ArgumentDescriptor("ceil_mode", ArgumentKind.Bool, ArgValue.OfBool(false), "PyTorch's ceil_mode: round the output size up"),
        };

        /// <summary>The stride argument of a pooling layer: the window when left out.</summary>
        public static IntPair PoolStride(BoundArguments a)
            => a["stride"].Kind == ArgValueKind.Name ? a.Pair("pool") : a.Pair("stride");
    }
}
