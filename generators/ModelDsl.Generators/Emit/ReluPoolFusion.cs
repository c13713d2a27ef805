using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// The place where <c>forward</c> chooses a fused op for a ReLU followed by a max pool
    /// (<c>x = relu(e); y = pool.forward(x);</c>). Max pooling commutes with ReLU, so a fused kernel can apply
    /// ReLU to the pooled values only (a quarter of them for 2x2) and skip the ReLU backward over the whole
    /// feature map; values and gradients are unchanged. The pattern only occurs when the ReLU's value flows
    /// into the pool and nowhere else, because a value read twice gets its own local (see <see cref="ForwardBuilder"/>).
    /// </summary>
    /// <remarks>
    /// TorchSharp has no such kernel; <see cref="FusedCall"/> calls ModelDsl's
    /// (<c>ModelDsl.Runtime.Kernels.Pooling.ReluMaxPool2d</c>: no int64 indices, backward recomputes the argmax),
    /// which itself falls back to TorchSharp's <c>max_pool2d(relu(x))</c> for devices, dtypes and windows it
    /// does not cover. Only pools whose window equals their stride, without padding or ceil mode, are fused.
    /// </remarks>
    internal static class ReluPoolFusion
    {
        private const string Relu = LayerCodeMapper.F + "relu(";

        /// <summary>The window of a max pool the fused kernel can stand for (square, stride = window, no pads, floor mode), else null.</summary>
        public static int? FusableWindow(LayerSpec layer, Pads? pads) =>
            layer is MaxPool2DLayer m && !m.CeilMode && m.Pool.IsSquare && m.Stride == m.Pool && (pads is null || pads.IsZero)
                ? m.Pool.H : (int?)null;

        /// <summary>The lines with each ReLU-then-max-pool pair fused; <paramref name="maxPools"/> maps fusable max-pool members to their window.</summary>
        public static List<string> Apply(IReadOnlyList<string> lines, IReadOnlyDictionary<string, int> maxPools)
        {
            var result = new List<string>(lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                if (i + 1 < lines.Count && TryFuse(lines[i], lines[i + 1], maxPools, out var fused))
                {
                    result.Add(fused);
                    i++;
                }
                else
                {
                    result.Add(lines[i]);
                }
            }
            return result;
        }

        /// <summary>
        /// The expression computing <c>maxPool(relu(argument))</c> over <paramref name="window"/> x <paramref name="window"/>
        /// windows, stride <paramref name="window"/>. When the argument is the input-layer convolution kernel's call, the
        /// whole block is one kernel (<c>Convolution.InputConv2dReluMaxPool2d</c>: the full-resolution convolution output
        /// is never stored), which itself falls back to the two kernels for what it does not cover.
        /// </summary>
        internal static string FusedCall(int window, string argument)
        {
            var size = window.ToString(CultureInfo.InvariantCulture);
            var inputConv = LayerCodeMapper.InputConv + "(";
            if (argument.StartsWith(inputConv, System.StringComparison.Ordinal) && argument.EndsWith(")", System.StringComparison.Ordinal))
            {
                var arguments = argument.Substring(inputConv.Length, argument.Length - inputConv.Length - 1);
                if (IsWholeArgument(arguments))
                {
                    return LayerCodeMapper.Kernels + "Convolution.InputConv2dReluMaxPool2d(" + arguments + ", " + size + ")";
                }
            }

            return LayerCodeMapper.Kernels + "Pooling.ReluMaxPool2d(" + argument + ", " + size + ")";
        }

        private static bool TryFuse(string reluLine, string poolLine, IReadOnlyDictionary<string, int> maxPools, out string fused)
        {
            fused = "";
            var reluPrefix = reluLine.StartsWith("var x = ", System.StringComparison.Ordinal) ? "var x = "
                : reluLine.StartsWith("x = ", System.StringComparison.Ordinal) ? "x = " : null;
            const string PoolCall = ".forward(x);";
            var assign = poolLine.IndexOf(" = ", System.StringComparison.Ordinal);
            if (reluPrefix is null || assign < 0 || !poolLine.EndsWith(PoolCall, System.StringComparison.Ordinal)) return false;
            var poolPrefix = poolLine.Substring(0, assign + 3);
            // A pool kept in its own local (read twice, e.g. by a residual block) leaves x undeclared if x
            // was declared by the ReLU line; later lines assign x without declaring it.
            if (poolPrefix != "x = " && reluPrefix == "var x = ") return false;
            var pool = poolLine.Substring(poolPrefix.Length, poolLine.Length - poolPrefix.Length - PoolCall.Length);
            if (!maxPools.TryGetValue(pool, out var window)) return false;
            var value = reluLine.Substring(reluPrefix.Length);
            if (!value.StartsWith(Relu, System.StringComparison.Ordinal) || !value.EndsWith(");", System.StringComparison.Ordinal)) return false;
            var argument = value.Substring(Relu.Length, value.Length - Relu.Length - 2);
            if (!IsWholeArgument(argument)) return false;
            fused = (poolPrefix == "x = " ? reluPrefix : poolPrefix) + FusedCall(window, argument) + ";";
            return true;
        }

        // True when the ReLU call's closing parenthesis is the line's last one, e.g. not "relu(a) + relu(b)".
        private static bool IsWholeArgument(string argument)
        {
            var depth = 0;
            foreach (var c in argument)
            {
                if (c == '(') depth++;
                else if (c == ')' && --depth < 0) return false;
            }
            return depth == 0;
        }
    }
}
