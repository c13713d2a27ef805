using System.Collections.Generic;

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
    /// TorchSharp has no such kernel and ModelDsl's own fused kernels are not ported yet, so the chosen form,
    /// <see cref="FusedCall"/>, is for now the plain composition <c>pool.forward(relu(e))</c> on one line.
    /// When a fused ReLU + max-pool op exists again, only <see cref="FusedCall"/> changes (and the snapshots).
    /// </remarks>
    internal static class ReluPoolFusion
    {
        private const string Relu = LayerCodeMapper.F + "relu(";

        /// <summary>The lines with each ReLU-then-max-pool pair fused; <paramref name="maxPools"/> are the max-pool members.</summary>
        public static List<string> Apply(IReadOnlyList<string> lines, ISet<string> maxPools)
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

        /// <summary>The expression computing <c>maxPool(relu(argument))</c> for the max-pool member <paramref name="pool"/>.</summary>
        internal static string FusedCall(string pool, string argument) => pool + ".forward(" + Relu + argument + "))";

        private static bool TryFuse(string reluLine, string poolLine, ISet<string> maxPools, out string fused)
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
            if (!maxPools.Contains(pool)) return false;
            var value = reluLine.Substring(reluPrefix.Length);
            if (!value.StartsWith(Relu, System.StringComparison.Ordinal) || !value.EndsWith(");", System.StringComparison.Ordinal)) return false;
            var argument = value.Substring(Relu.Length, value.Length - Relu.Length - 2);
            if (!IsWholeArgument(argument)) return false;
            fused = (poolPrefix == "x = " ? reluPrefix : poolPrefix) + FusedCall(pool, argument) + ";";
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
