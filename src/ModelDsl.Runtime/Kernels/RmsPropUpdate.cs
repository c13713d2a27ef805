using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// One parameter's RMSprop update (no momentum, not centered, no weight decay) in a single pass over parameter,
/// gradient and running square, rounding as libtorch's CPU kernels behind TorchSharp's <c>RMSProp.step</c> do
/// (checked operator by operator on 100,000 values): <c>v = fma(c * g, g, v * a)</c> (<c>mul_</c>, <c>addcmul_</c>),
/// <c>d = sqrt(v) + eps</c> (<c>sqrt</c>, <c>add_</c>), <c>p = p + (-lr * g) / d</c> (<c>addcdiv_</c>). The one
/// exception is the square root: libtorch's (MKL's vector math) is not correctly rounded and differs from the exact
/// <see cref="Vector256.Sqrt{T}"/> by one unit in the last place for about 0.7% of the elements.
/// </summary>
internal static unsafe class RmsPropUpdate
{
    /// <summary>Updates <paramref name="length"/> elements in place.</summary>
    /// <param name="param">The parameter.</param>
    /// <param name="grad">Its gradient.</param>
    /// <param name="square">The running mean of squared gradients (TorchSharp's <c>square_avg</c>).</param>
    /// <param name="length">Elements.</param>
    /// <param name="alpha">The smoothing constant, as float.</param>
    /// <param name="oneMinusAlpha">1 - alpha computed in double and then rounded to float, as TorchSharp passes it.</param>
    /// <param name="eps">Epsilon, as float.</param>
    /// <param name="negativeRate">Minus the learning rate, as float.</param>
    // Fully optimized from the first call: a short fit would otherwise run most steps in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(float* param, float* grad, float* square, long length, float alpha, float oneMinusAlpha,
        float eps, float negativeRate)
    {
        long i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            var c = Vector256.Create(oneMinusAlpha);
            var e = Vector256.Create(eps);
            var r = Vector256.Create(negativeRate);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var g = Vector256.Load(grad + i);
                var v = Vector256.FusedMultiplyAdd(c * g, g, Vector256.Load(square + i) * a);
                v.Store(square + i);
                var d = Vector256.Sqrt(v) + e;
                (Vector256.Load(param + i) + r * g / d).Store(param + i);
            }
        }

        for (; i < length; i++)
        {
            var g = grad[i];
            var v = MathF.FusedMultiplyAdd(oneMinusAlpha * g, g, square[i] * alpha);
            square[i] = v;
            param[i] += negativeRate * g / (MathF.Sqrt(v) + eps);
        }
    }
}
