using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>P/Invoke declarations of the optimizer exports (optim_*.cpp): one call updates every parameter.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static unsafe partial int mdsl_optim_zeros_like(IntPtr* parameters, int n, IntPtr* output);

    [LibraryImport(Lib)]
    internal static unsafe partial int mdsl_optim_sgd_step(IntPtr* parameters, IntPtr* momentumBuffers, long* steps, int n, double lr, double momentum, double dampening, int nesterov, double weightDecay, int maximize);

    [LibraryImport(Lib)]
    internal static unsafe partial int mdsl_optim_rmsprop_step(IntPtr* parameters, IntPtr* squareAvgs, IntPtr* gradAvgs, IntPtr* momentumBuffers, long* steps, int n, double lr, double alpha, double eps, double weightDecay, double momentum, int centered, int maximize);

    [LibraryImport(Lib)]
    internal static unsafe partial int mdsl_optim_adam_step(IntPtr* parameters, IntPtr* expAvgs, IntPtr* expAvgSqs, IntPtr* maxExpAvgSqs, long* steps, int n, double lr, double beta1, double beta2, double eps, double weightDecay, int amsgrad, int decoupled, int maximize);

    [LibraryImport(Lib)]
    internal static unsafe partial int mdsl_optim_zero_grad(IntPtr* parameters, int n, int setToNone);
}
