using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// Maps each IR layer to TorchSharp code: TorchSharp modules for layers with weights or configuration
    /// (PyTorch names and parameter layouts, so <c>state_dict</c> keys match), TorchSharp's functional ops for
    /// the rest. Padding is always the explicit pads shape inference resolved, so 'same' with stride follows
    /// Keras: symmetric pads are the layer's own padding argument, asymmetric ones an explicit
    /// <c>functional.pad</c> before a padding-0 layer.
    /// </summary>
    /// <remarks>
    /// Expressions are <see cref="string.Format(string, object[])"/> templates: <c>{0}</c>, <c>{1}</c>... are
    /// the inputs, <c>{m}</c> the member, and literal braces are doubled.
    /// </remarks>
    internal static class LayerCodeMapper
    {
        /// <summary>TorchSharp's module types (<c>TorchSharp.Modules.Conv2d</c>...).</summary>
        public const string Modules = "global::TorchSharp.Modules.";

        /// <summary>TorchSharp's module factories (<c>torch.nn.Conv2d(...)</c>).</summary>
        public const string Nn = "global::TorchSharp.torch.nn.";

        /// <summary>TorchSharp's functional ops.</summary>
        public const string F = "global::TorchSharp.torch.nn.functional.";

        /// <summary>The expression of an element-wise sum merge (its inputs joined by <c>+</c>).</summary>
        public const string AddMerge = "__ADD__";

        /// <summary>The expression of an element-wise product merge (its inputs joined by <c>*</c>, broadcasting).</summary>
        public const string MultiplyMerge = "__MUL__";

        /// <summary>ModelDsl's fused kernels (C# autograd functions with TorchSharp fallbacks).</summary>
        public const string Kernels = "global::ModelDsl.Runtime.Kernels.";

        /// <summary>The input-layer convolution kernel (single-channel 3x3, weight gradient only).</summary>
        public const string InputConv = Kernels + "Convolution.InputConv2d";
        private const string Vision = "global::ModelDsl.Vision.Layers.";
        private const string Call1 = "{m}.forward({0})";

        /// <summary>The code for <paramref name="layer"/> given its (first) input shape and the resolved pads.</summary>
        public static LayerCode Map(LayerSpec layer, TensorShape input, Pads? pads)
        {
            switch (layer)
            {
                case Conv2DLayer c:
                    return Conv(input.Channels, c.Filters, c.Kernel, c.Stride, pads, c.Dilation, c.Groups, c.UseBias, c.Activation);
                case DepthwiseConv2DLayer d:
                    return Conv(input.Channels, input.Channels * d.DepthMultiplier, d.Kernel, d.Stride, pads, d.Dilation, input.Channels, d.UseBias, d.Activation);
                case MaxPool2DLayer m:
                    // Keras's max pool ignores the padding, so asymmetric pads are -inf (never the maximum of a window).
                    return Pool("MaxPool2d", input, m.Pool, m.Stride, pads, countIncludePad: null, padValue: "double.NegativeInfinity", ceilMode: m.CeilMode);
                case AvgPool2DLayer a:
                    return Pool("AvgPool2d", input, a.Pool, a.Stride, pads, countIncludePad: pads is { IsZero: false } ? false : (bool?)null, padValue: null, ceilMode: a.CeilMode);
                case AdaptiveAvgPool2DLayer a:
                    return Module("AdaptiveAvgPool2d", $"{Nn}AdaptiveAvgPool2d(({Int(a.OutputSize.H)}, {Int(a.OutputSize.W)}))", Call1);
                case AdaptiveMaxPool2DLayer a:
                    // TorchSharp's AdaptiveMaxPool2d factory takes only an array.
                    return Module("AdaptiveMaxPool2d", $"{Nn}AdaptiveMaxPool2d(new long[] {{ {Int(a.OutputSize.H)}, {Int(a.OutputSize.W)} }})", Call1);
                case GlobalAveragePooling2DLayer _:
                    return Call("{0}.mean(new long[] {{ 2, 3 }})");
                case GlobalMaxPooling2DLayer _:
                    return Call("{0}.amax(new long[] {{ 2, 3 }})");
                case ZeroPadding2DLayer z:
                    return Module("ZeroPad2d", $"{Nn}ZeroPad2d(({z.Pads.Left}, {z.Pads.Right}, {z.Pads.Top}, {z.Pads.Bottom}))", Call1);
                case FlattenLayer _:
                    return Call("{0}.flatten(1)");
                case DenseLayer d:
                    return Module("Linear", $"{Nn}Linear({input.ElementCount}, {d.Units}{(d.UseBias ? "" : ", hasBias: false")})", Activate(Call1, d.Activation));
                case DropoutLayer d:
                    return Module("Dropout", $"{Nn}Dropout({CSharp.Literal(d.Rate)})", Call1);
                case BatchNormalizationLayer b:
                    // Keras momentum m keeps m of the old statistic; PyTorch's momentum is the new sample's share.
                    var kind = input.IsImage ? "BatchNorm2d" : "BatchNorm1d";
                    return Module(kind, $"{Nn}{kind}({input.Channels}, eps: {CSharp.Literal(b.Epsilon)}, momentum: {CSharp.Literal(System.Math.Round(1 - b.Momentum, 12))})", Call1);
                case ActivationLayer a:
                    return Call(Activate("{0}", a.Activation));
                case SiluLayer _:
                    return Call(F + "silu({0})");
                case HardswishLayer _:
                    return Call(F + "hardswish({0})");
                case HardsigmoidLayer _:
                    return Call(F + "hardsigmoid({0})");
                case GeluLayer _:
                    return Call(F + "gelu({0})");
                case AddLayer _:
                    return Call(AddMerge);
                case MultiplyLayer _:
                    return Call(MultiplyMerge);
                case ChannelShuffleLayer s:
                    // torchvision calls a function here (no module, so no module path), as libtorch's channel_shuffle does.
                    return Call("{0}.channel_shuffle(" + Int(s.Groups) + ")");
                case ChunkLayer c:
                    return Call("{0}.chunk(" + Int(c.Chunks) + ", 1)[" + Int(c.Index) + "]");
                case StochasticDepthLayer d:
                    return Call(StochasticDepth.Expression(d, input));
                case ConcatenateLayer c:
                    return Call("__CAT__" + c.Axis.ToString(CultureInfo.InvariantCulture));
                case ReshapeLayer r:
                    return Call("{0}.reshape(-1, " + string.Join(", ", r.Target.Dims.Select(Int)) + ")");
                case RescalingLayer r:
                    return Call(r.Offset == 0 ? $"{{0}} * {CSharp.Literal(r.Scale)}" : $"{{0}} * {CSharp.Literal(r.Scale)} + {CSharp.Literal(r.Offset)}");
                // Augmentation runs only in training; the layers live in ModelDsl.Vision (reference it to use them).
                case RandomFlipLayer f:
                    return VisionModule("RandomFlip", CSharp.Literal(f.Mode));
                case RandomRotationLayer r:
                    return VisionModule("RandomRotation", CSharp.Literal(r.Factor));
                case RandomZoomLayer z:
                    return VisionModule("RandomZoom", CSharp.Literal(z.Factor));
                case RandomTranslationLayer t:
                    return VisionModule("RandomTranslation", $"{CSharp.Literal(t.HeightFactor)}, {CSharp.Literal(t.WidthFactor)}");
                default:
                    return Call("__UNSUPPORTED__" + layer.Kind);
            }
        }

        /// <summary>Wraps an expression in the activation's functional call.</summary>
        public static string Activate(string expression, ActivationKind activation) => activation switch
        {
            ActivationKind.Relu => F + "relu(" + expression + ")",
            ActivationKind.Relu6 => F + "relu6(" + expression + ")",
            ActivationKind.Sigmoid => F + "sigmoid(" + expression + ")",
            ActivationKind.Tanh => F + "tanh(" + expression + ")",
            ActivationKind.Softmax => F + "softmax(" + expression + ", 1)",
            _ => expression,
        };

        private static LayerCode Conv(int inChannels, int outChannels, IntPair kernel, IntPair stride, Pads? pads, IntPair dilation, int groups, bool useBias, ActivationKind activation)
        {
            var p = pads ?? Pads.Zero;
            var symmetric = p.IsSymmetric ? p : Pads.Zero;
            // TorchSharp's scalar overload when every pair is square, else the tuple overload throughout.
            var square = kernel.H == kernel.W && stride.H == stride.W && dilation.H == dilation.W && symmetric.Top == symmetric.Left;
            var args = new List<string> { Int(inChannels), Int(outChannels), Pair(kernel.H, kernel.W, square) };
            if (stride.H != 1 || stride.W != 1) args.Add("stride: " + Pair(stride.H, stride.W, square));
            if (!symmetric.IsZero) args.Add("padding: " + Pair(symmetric.Top, symmetric.Left, square));
            if (dilation.H != 1 || dilation.W != 1) args.Add("dilation: " + Pair(dilation.H, dilation.W, square));
            if (groups != 1) args.Add("groups: " + Int(groups));
            if (!useBias) args.Add("bias: false");
            var call = p.IsSymmetric ? Call1 : "{m}.forward(" + PadCall("{0}", p, null) + ")";
            // A single-channel 3x3 input layer: ModelDsl's kernel computes only the weight and bias gradients (the
            // images need none); it falls back to TorchSharp's conv2d for any other case at run time.
            if (inChannels == 1 && kernel.H == 3 && kernel.W == 3 && stride.H == 1 && stride.W == 1 && p.IsZero
                && dilation.H == 1 && dilation.W == 1 && groups == 1)
            {
                call = InputConv + "({0}, {m}.weight!, {m}.bias)";
            }
            return Module("Conv2d", $"{Nn}Conv2d({string.Join(", ", args)})", Activate(call, activation));
        }

        private static LayerCode Pool(string type, TensorShape input, IntPair pool, IntPair stride, Pads? pads, bool? countIncludePad, string? padValue, bool ceilMode)
        {
            var p = pads ?? Pads.Zero;
            var symmetric = p.IsSymmetric ? p : Pads.Zero;
            var square = pool.H == pool.W && stride.H == stride.W && symmetric.Top == symmetric.Left;
            var args = Pair(pool.H, pool.W, square) + (stride == pool ? "" : ", stride: " + Pair(stride.H, stride.W, square));
            if (!symmetric.IsZero)
            {
                args += ", padding: " + Pair(symmetric.Top, symmetric.Left, square);
                if (countIncludePad is not null) args += ", count_include_pad: " + CSharp.Literal(countIncludePad.Value);
            }
            if (ceilMode) args += ", ceil_mode: true";
            // Keras 'same' with an odd total pads one more pixel at the bottom/right; pooling layers pad
            // symmetrically, so pad explicitly first. (An average then counts the padded zeros, as before.)
            var call = p.IsSymmetric ? Call1 : "{m}.forward(" + PadCall("{0}", p, padValue) + ")";
            if (ceilMode && !p.IsSymmetric && input.IsImage) call += CeilTrim(input, pool, stride, p);
            return Module(type, $"{Nn}{type}({args})", call);
        }

        /// <summary>
        /// With <c>ceil_mode</c> and asymmetric pads written out before a padding-0 pool, PyTorch's rule that the last
        /// window must start inside the input or its leading pad sees the trailing pad as input, and may add one window
        /// that starts in it. The IR (PyTorch's rule over the real input and its leading pad) has no such window: the
        /// extra last row/column is cut off. The windows kept are the same windows on the same values, so max and
        /// average (its divisor included) equal the IR's.
        /// </summary>
        private static string CeilTrim(TensorShape input, IntPair pool, IntPair stride, Pads p)
        {
            var trim = "";
            var wantH = CeilSize(input.Height, p.Top, p.Vertical, pool.H, stride.H);
            var wantW = CeilSize(input.Width, p.Left, p.Horizontal, pool.W, stride.W);
            if (CeilSize(input.Height + p.Vertical, 0, 0, pool.H, stride.H) != wantH) trim += ".narrow(2, 0, " + Int((int)wantH) + ")";
            if (CeilSize(input.Width + p.Horizontal, 0, 0, pool.W, stride.W) != wantW) trim += ".narrow(3, 0, " + Int((int)wantW) + ")";
            return trim;
        }

        /// <summary>PyTorch's <c>pooling_output_shape</c> with <c>ceil_mode</c> over <paramref name="size"/> plus <paramref name="total"/> pads, <paramref name="before"/> of them leading.</summary>
        private static long CeilSize(long size, long before, long total, int kernel, int stride)
        {
            var o = (size + total - kernel + stride - 1) / stride + 1;
            if ((o - 1) * stride >= size + before) o--;
            return o;
        }

        /// <summary><c>functional.pad</c> in TorchSharp's (left, right, top, bottom) order, zeros unless <paramref name="value"/> says otherwise.</summary>
        private static string PadCall(string input, Pads p, string? value)
        {
            var pads = $"new long[] {{{{ {p.Left}, {p.Right}, {p.Top}, {p.Bottom} }}}}";
            return value is null
                ? $"{F}pad({input}, {pads})"
                : $"{F}pad({input}, {pads}, global::TorchSharp.PaddingModes.Constant, {value})";
        }

        private static LayerCode Module(string type, string construction, string expression) => new LayerCode(Modules + type, construction, expression);

        private static LayerCode VisionModule(string type, string arguments) => new LayerCode(Vision + type, $"new {Vision}{type}({arguments})", Call1);

        private static LayerCode Call(string expression) => new LayerCode(null, null, expression);

        private static string Pair(int h, int w, bool scalar) => scalar ? Int(h) : $"({Int(h)}, {Int(w)})";

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
