using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// One parameter's Adam or AdamW update (not AMSGrad) in a single pass over parameter, gradient and both running
/// averages, rounding as libtorch's CPU kernels behind TorchSharp's <c>Adam.step</c> and <c>AdamW.step</c> do:
/// <c>p = p * s</c> (AdamW's <c>mul_</c>), <c>g = fma(p, wd, g)</c> (Adam's L2 <c>add</c>),
/// <c>m = fma(g, c1, m * b1)</c> (<c>mul_</c>, <c>add_</c> with alpha), <c>v = fma(c2 * g, g, v * b2)</c>
/// (<c>mul_</c>, <c>addcmul_</c>), <c>d = sqrt(v) / r + eps</c> (<c>sqrt</c>, <c>div</c>, <c>add_</c>),
/// <c>p = p + (-step * m) / d</c> (<c>addcdiv_</c>). As for <see cref="RmsPropUpdate"/>, the exception is the square
/// root: libtorch's (MKL's vector math) is not correctly rounded and differs from the exact
/// <see cref="Vector256.Sqrt{T}"/> by one unit in the last place for a fraction of a percent of the elements.
/// </summary>
internal static unsafe class AdamUpdate
{
    /// <summary>Updates <paramref name="length"/> elements in place.</summary>
    /// <param name="param">The parameter.</param>
    /// <param name="grad">Its gradient (read only: Adam's L2 term and maximisation change a copy, as TorchSharp's do).</param>
    /// <param name="average">The running mean of gradients (TorchSharp's <c>exp_avg</c>).</param>
    /// <param name="square">The running mean of squared gradients (TorchSharp's <c>exp_avg_sq</c>).</param>
    /// <param name="length">Elements.</param>
    /// <param name="c">The step's constants, rounded to float as libtorch rounds them.</param>
    // Optimised from the first call: in tier-0 code the loop ran 3-4x slower, and a short run spends most of its steps there.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(float* param, float* grad, float* average, float* square, long length, in AdamConstants c)
    {
        // Locals, not reads through c: the stores through the float pointers could alias it, so the JIT would reload
        // every field on every iteration.
        var (decoupled, maximize, l2) = (c.Decoupled, c.Maximize, c.L2);
        var (beta1, oneMinusBeta1, beta2, oneMinusBeta2) = (c.Beta1, c.OneMinusBeta1, c.Beta2, c.OneMinusBeta2);
        var (root2, eps, negativeStep, weightDecay, paramScale) = (c.RootOfCorrection2, c.Eps, c.NegativeStepSize, c.WeightDecay, c.ParamScale);
        long i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var b1 = Vector256.Create(beta1);
            var c1 = Vector256.Create(oneMinusBeta1);
            var b2 = Vector256.Create(beta2);
            var c2 = Vector256.Create(oneMinusBeta2);
            var r = Vector256.Create(root2);
            var e = Vector256.Create(eps);
            var s = Vector256.Create(negativeStep);
            var wd = Vector256.Create(weightDecay);
            var scale = Vector256.Create(paramScale);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var p = Vector256.Load(param + i);
                if (decoupled) p *= scale;
                var g = Vector256.Load(grad + i);
                if (maximize) g = -g;
                if (l2) g = Vector256.FusedMultiplyAdd(p, wd, g);
                var m = Vector256.FusedMultiplyAdd(g, c1, Vector256.Load(average + i) * b1);
                m.Store(average + i);
                var v = Vector256.FusedMultiplyAdd(c2 * g, g, Vector256.Load(square + i) * b2);
                v.Store(square + i);
                var d = Vector256.Sqrt(v) / r + e;
                (p + s * m / d).Store(param + i);
            }
        }

        for (; i < length; i++)
        {
            var p = param[i];
            if (decoupled) p *= paramScale;
            var g = grad[i];
            if (maximize) g = -g;
            if (l2) g = MathF.FusedMultiplyAdd(p, weightDecay, g);
            var m = MathF.FusedMultiplyAdd(g, oneMinusBeta1, average[i] * beta1);
            average[i] = m;
            var v = MathF.FusedMultiplyAdd(oneMinusBeta2 * g, g, square[i] * beta2);
            square[i] = v;
            var d = MathF.Sqrt(v) / root2 + eps;
            param[i] = p + negativeStep * m / d;
        }
    }
}
