using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

public static partial class Functional
{
    /// <summary>
    /// Batch normalisation over the channel axis 1 of [N, C, ...]. In training it normalises with the
    /// batch statistics and updates <paramref name="runningMean"/>/<paramref name="runningVar"/> in place
    /// (unbiased variance, PyTorch's momentum convention: Keras's momentum 0.99 is 0.01 here) and adds one to
    /// <paramref name="numBatchesTracked"/>; in inference it uses the running statistics.
    /// </summary>
    /// <param name="input">The batch [N, C, ...].</param>
    /// <param name="runningMean">Per-channel running mean, or null to always use batch statistics.</param>
    /// <param name="runningVar">Per-channel running variance, or null.</param>
    /// <param name="weight">Per-channel scale (gamma), or null.</param>
    /// <param name="bias">Per-channel shift (beta), or null.</param>
    /// <param name="training">Use batch statistics and update the running ones.</param>
    /// <param name="momentum">Weight of the new batch in the running statistics.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <param name="numBatchesTracked">An int64 scalar counting training batches, or null.</param>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null,
        Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5, Tensor? numBatchesTracked = null)
    {
        var result = new Tensor(
            NativeMethods.mdsl_nn_batch_norm(input.Ptr, runningMean?.Ptr ?? IntPtr.Zero, runningVar?.Ptr ?? IntPtr.Zero,
                weight?.Ptr ?? IntPtr.Zero, bias?.Ptr ?? IntPtr.Zero, numBatchesTracked?.Ptr ?? IntPtr.Zero,
                training ? 1 : 0, momentum, eps),
            "batch_norm");
        GC.KeepAlive(input);
        GC.KeepAlive(runningMean);
        GC.KeepAlive(runningVar);
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        GC.KeepAlive(numBatchesTracked);
        return result;
    }

    /// <summary>Batch normalisation of NCHW input; see <see cref="BatchNorm"/>.</summary>
    public static Tensor BatchNorm2d(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null,
        Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5, Tensor? numBatchesTracked = null)
    {
        if (input.Dim != 4)
        {
            throw new TorchException("batch_norm2d", $"expects a 4-D input [N, C, H, W] but got shape [{string.Join(", ", input.Shape)}]");
        }
        return BatchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps, numBatchesTracked);
    }

    /// <summary>Zeroes each element with probability <paramref name="p"/> and scales the rest by 1/(1-p) when training; identity otherwise.</summary>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_dropout(input.Ptr, p, training ? 1 : 0), "dropout");
        GC.KeepAlive(input);
        return result;
    }
}
