using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// One parameter's SGD update (with or without momentum, dampening, Nesterov momentum and weight decay) in a single
/// pass over parameter, gradient and momentum buffer, rounding as libtorch's CPU kernels behind TorchSharp's
/// <c>SGD.step</c> do: <c>g = fma(p, wd, g)</c> (<c>add</c> with alpha), <c>b = fma(g, 1 - dampening, b * momentum)</c>
/// (<c>mul_</c>, <c>add_</c>; on the first step <c>b = g</c>, TorchSharp's <c>clone</c>), <c>g = fma(b, momentum, g)</c>
/// with Nesterov momentum or <c>g = b</c> without, <c>p = fma(g, -lr, p)</c> (<c>add_</c>). No square root, so the
/// results are TorchSharp's to the last bit.
/// </summary>
internal static unsafe class SgdUpdate
{
    /// <summary>Updates <paramref name="length"/> elements in place.</summary>
    /// <param name="param">The parameter.</param>
    /// <param name="grad">Its gradient (read only: the weight-decay and momentum terms change a copy, as TorchSharp's do).</param>
    /// <param name="buffer">The momentum buffer, or <see langword="null"/> without momentum.</param>
    /// <param name="length">Elements.</param>
    /// <param name="c">The step's constants, rounded to float as libtorch rounds them.</param>
    // Optimised from the first call: in tier-0 code the loop ran 3-4x slower, and a short run spends most of its steps there.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(float* param, float* grad, float* buffer, long length, in SgdConstants c)
    {
        // Locals, not reads through c: the stores through the float pointers could alias it, so the JIT would reload
        // every field on every iteration.
        var momentum = buffer != null;
        var (l2, firstStep, nesterov) = (c.L2, c.FirstStep, c.Nesterov);
        var (weightDecay, mu1, oneMinusDampening, signedRate) = (c.WeightDecay, c.Momentum, c.OneMinusDampening, c.SignedRate);
        long i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var wd = Vector256.Create(weightDecay);
            var mu = Vector256.Create(mu1);
            var damp = Vector256.Create(oneMinusDampening);
            var rate = Vector256.Create(signedRate);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var p = Vector256.Load(param + i);
                var g = Vector256.Load(grad + i);
                if (l2) g = Vector256.FusedMultiplyAdd(p, wd, g);
                if (momentum)
                {
                    var b = firstStep ? g : Vector256.FusedMultiplyAdd(g, damp, Vector256.Load(buffer + i) * mu);
                    b.Store(buffer + i);
                    g = nesterov ? Vector256.FusedMultiplyAdd(b, mu, g) : b;
                }
                Vector256.FusedMultiplyAdd(g, rate, p).Store(param + i);
            }
        }

        for (; i < length; i++)
        {
            var p = param[i];
            var g = grad[i];
            if (l2) g = MathF.FusedMultiplyAdd(p, weightDecay, g);
            if (momentum)
            {
                var b = firstStep ? g : MathF.FusedMultiplyAdd(g, oneMinusDampening, buffer[i] * mu1);
                buffer[i] = b;
                g = nesterov ? MathF.FusedMultiplyAdd(b, mu1, g) : b;
            }
            param[i] = MathF.FusedMultiplyAdd(g, signedRate, p);
        }
    }
}
