using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>P/Invoke declarations of the nn exports (nn_*.cpp): layers' functional forms, losses, init.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr mdsl_nn_conv2d(IntPtr input, IntPtr weight, IntPtr bias, long* stride, long* padding, int same, long* dilation, long groups);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_zero_pad2d(IntPtr input, long left, long right, long top, long bottom);

    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr mdsl_nn_max_pool2d(IntPtr input, long* kernel, long* stride, long* padding, long* dilation, int ceilMode, int reluFirst);

    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr mdsl_nn_avg_pool2d(IntPtr input, long* kernel, long* stride, long* padding, int ceilMode, int countIncludePad);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_adaptive_avg_pool2d(IntPtr input, long outH, long outW);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_global_pool2d(IntPtr input, int isMax, int keepDims);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_batch_norm(IntPtr input, IntPtr runningMean, IntPtr runningVar, IntPtr weight, IntPtr bias, IntPtr numBatchesTracked, int training, double momentum, double eps);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_dropout(IntPtr input, double p, int training);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_linear(IntPtr input, IntPtr weight, IntPtr bias);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_flatten(IntPtr input, long startDim, long endDim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_activation(IntPtr input, int kind, double arg, long dim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_cross_entropy(IntPtr logits, IntPtr targets, long reduction, double labelSmoothing, long ignoreIndex);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_nll_loss(IntPtr logProbs, IntPtr targets, long reduction, long ignoreIndex);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_cross_entropy_probs(IntPtr probs, IntPtr targets, long reduction, double eps);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_binary_cross_entropy(IntPtr probs, IntPtr targets, long reduction, double eps);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_binary_cross_entropy_with_logits(IntPtr logits, IntPtr targets, long reduction);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_nn_mse_loss(IntPtr input, IntPtr target, long reduction);

    [LibraryImport(Lib)]
    internal static partial int mdsl_init_uniform_(IntPtr tensor, double low, double high);

    [LibraryImport(Lib)]
    internal static partial int mdsl_init_normal_(IntPtr tensor, double mean, double std);

    [LibraryImport(Lib)]
    internal static partial int mdsl_init_fill_(IntPtr tensor, double value);

    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr mdsl_nn_new_state(long* shape, int ndim, int dtype, double value, int requiresGrad);

    [LibraryImport(Lib)]
    internal static partial int mdsl_nn_state_to_(IntPtr tensor, int deviceType, int deviceIndex);

    [LibraryImport(Lib)]
    internal static partial int mdsl_nn_load_state_(IntPtr destination, IntPtr source);

    [LibraryImport(Lib)]
    internal static partial int mdsl_nn_set_thread_intraop_threads(int threads);
}
