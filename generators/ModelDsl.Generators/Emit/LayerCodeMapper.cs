using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// Maps each IR layer to ModelDsl.Torch code: modules for layers with weights or configuration
    /// (PyTorch names and parameter layouts, so <c>state_dict</c> keys match), functional calls for the rest.
    /// Padding is always the explicit pads shape inference resolved, so 'same' with stride follows Keras.
    /// </summary>
    internal static class LayerCodeMapper
    {
        private const string Nn = "global::ModelDsl.Torch.Nn.";
        private const string F = "global::ModelDsl.Torch.Nn.Functional.";
        private const string Vision = "global::ModelDsl.Vision.Layers.";

        /// <summary>The code for <paramref name="layer"/> given its (first) input shape and the resolved pads.</summary>
        public static LayerCode Map(LayerSpec layer, TensorShape input, Pads? pads)
        {
            switch (layer)
            {
                case Conv2DLayer c:
                    return Module(Nn + "Conv2d",
                        $"new {Nn}Conv2d({input.Channels}, {c.Filters}, {Size(c.Kernel)}{Opt("stride", c.Stride, 1)}{Pad(pads)}{Opt("dilation", c.Dilation, 1)}{(c.Groups != 1 ? ", groups: " + Int(c.Groups) : "")}{(c.UseBias ? "" : ", bias: false")})",
                        Activate("{m}.Forward({0})", c.Activation));
                case DepthwiseConv2DLayer d:
                    return Module(Nn + "Conv2d",
                        $"new {Nn}Conv2d({input.Channels}, {input.Channels * d.DepthMultiplier}, {Size(d.Kernel)}{Opt("stride", d.Stride, 1)}{Pad(pads)}{Opt("dilation", d.Dilation, 1)}, groups: {input.Channels}{(d.UseBias ? "" : ", bias: false")})",
                        Activate("{m}.Forward({0})", d.Activation));
                case MaxPool2DLayer m:
                    return Pool("MaxPool2d", m.Pool, m.Stride, pads, countIncludePad: null);
                case AvgPool2DLayer a:
                    return Pool("AvgPool2d", a.Pool, a.Stride, pads, countIncludePad: pads is { IsZero: false } ? false : (bool?)null);
                case GlobalAveragePooling2DLayer _:
                    return Call(F + "GlobalAvgPool2d({0})");
                case GlobalMaxPooling2DLayer _:
                    return Call(F + "GlobalMaxPool2d({0})");
                case ZeroPadding2DLayer z:
                    return Module(Nn + "ZeroPad2d", $"new {Nn}ZeroPad2d({z.Pads.Left}, {z.Pads.Right}, {z.Pads.Top}, {z.Pads.Bottom})", "{m}.Forward({0})");
                case FlattenLayer _:
                    return Call(F + "Flatten({0})");
                case DenseLayer d:
                    return Module(Nn + "Linear", $"new {Nn}Linear({input.ElementCount}, {d.Units}{(d.UseBias ? "" : ", bias: false")})", Activate("{m}.Forward({0})", d.Activation));
                case DropoutLayer d:
                    return Module(Nn + "Dropout", $"new {Nn}Dropout({CSharp.Literal(d.Rate)})", "{m}.Forward({0})");
                case BatchNormalizationLayer b:
                    // Keras momentum m keeps m of the old statistic; PyTorch's momentum is the new sample's share.
                    var kind = input.IsImage ? "BatchNorm2d" : "BatchNorm1d";
                    return Module(Nn + kind, $"new {Nn}{kind}({input.Channels}, eps: {CSharp.Literal(b.Epsilon)}, momentum: {CSharp.Literal(System.Math.Round(1 - b.Momentum, 12))})", "{m}.Forward({0})");
                case ActivationLayer a:
                    return Call(Activate("{0}", a.Activation));
                case AddLayer _:
                    return Call("__ADD__");
                case ConcatenateLayer c:
                    return Call("__CAT__" + c.Axis.ToString(CultureInfo.InvariantCulture));
                case ReshapeLayer r:
                    return Call("{0}.Reshape(-1, " + string.Join(", ", r.Target.Dims.Select(Int)) + ")");
                case RescalingLayer r:
                    return Call(r.Offset == 0 ? $"{{0}} * {CSharp.Literal(r.Scale)}" : $"{{0}} * {CSharp.Literal(r.Scale)} + {CSharp.Literal(r.Offset)}");
                // Augmentation runs only in training; the layers live in ModelDsl.Vision (reference it to use them).
                case RandomFlipLayer f:
                    return Module(Vision + "RandomFlip", $"new {Vision}RandomFlip({CSharp.Literal(f.Mode)})", "{m}.Forward({0})");
                case RandomRotationLayer r:
                    return Module(Vision + "RandomRotation", $"new {Vision}RandomRotation({CSharp.Literal(r.Factor)})", "{m}.Forward({0})");
                case RandomZoomLayer z:
                    return Module(Vision + "RandomZoom", $"new {Vision}RandomZoom({CSharp.Literal(z.Factor)})", "{m}.Forward({0})");
                case RandomTranslationLayer t:
                    return Module(Vision + "RandomTranslation", $"new {Vision}RandomTranslation({CSharp.Literal(t.HeightFactor)}, {CSharp.Literal(t.WidthFactor)})", "{m}.Forward({0})");
                default:
                    return Call("__UNSUPPORTED__" + layer.Kind);
            }
        }

        /// <summary>Wraps an expression in the activation's functional call.</summary>
        public static string Activate(string expression, ActivationKind activation) => activation switch
        {
            ActivationKind.Relu => F + "Relu(" + expression + ")",
            ActivationKind.Relu6 => F + "Relu6(" + expression + ")",
            ActivationKind.Sigmoid => F + "Sigmoid(" + expression + ")",
            ActivationKind.Tanh => F + "Tanh(" + expression + ")",
            ActivationKind.Softmax => F + "Softmax(" + expression + ", 1)",
            _ => expression,
        };

        private static LayerCode Pool(string type, IntPair pool, IntPair stride, Pads? pads, bool? countIncludePad)
        {
            var p = pads ?? Pads.Zero;
            var args = Size(pool) + (stride == pool ? "" : ", stride: " + Size(stride));
            if (p.IsZero)
            {
                return Module(Nn + type, $"new {Nn}{type}({args})", "{m}.Forward({0})");
            }
            if (p.IsSymmetric)
            {
                var include = countIncludePad is null ? "" : ", countIncludePad: " + CSharp.Literal(countIncludePad.Value);
                return Module(Nn + type, $"new {Nn}{type}({args}, padding: {SizeOf(p.Top, p.Left)}{include})", "{m}.Forward({0})");
            }
            // Keras 'same' with an odd total pads one more pixel at the bottom/right; pooling modules pad
            // symmetrically, so pad explicitly first.
            return Module(Nn + type, $"new {Nn}{type}({args})",
                $"{{m}}.Forward({F}ZeroPad2d({{0}}, {p.Left}, {p.Right}, {p.Top}, {p.Bottom}))");
        }

        private static LayerCode Module(string type, string construction, string expression) => new LayerCode(type, construction, expression);

        private static LayerCode Call(string expression) => new LayerCode(null, null, expression);

        private static string Pad(Pads? pads)
        {
            if (pads is null || pads.IsZero) return "";
            if (pads.IsSymmetric) return $", padding: global::ModelDsl.Torch.Nn.Padding2d.Symmetric({pads.Top}, {pads.Left})";
            return $", padding: global::ModelDsl.Torch.Nn.Padding2d.Explicit({pads.Left}, {pads.Right}, {pads.Top}, {pads.Bottom})";
        }

        private static string Opt(string name, IntPair value, int defaultValue)
            => value.H == defaultValue && value.W == defaultValue ? "" : ", " + name + ": " + Size(value);

        private static string Size(IntPair pair) => SizeOf(pair.H, pair.W);

        private static string SizeOf(int h, int w) => h == w ? Int(h) : $"({Int(h)}, {Int(w)})";

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
