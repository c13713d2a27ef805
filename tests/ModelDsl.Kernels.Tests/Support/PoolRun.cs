using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.Support;

/// <summary>One forward and backward pass of a pooling operator from a fresh leaf holding the given values.</summary>
internal static class PoolRun
{
    public static (Tensor Output, Tensor InputGrad) Run(Tensor values, Tensor upstream, Func<Tensor, Tensor> op)
    {
        var leaf = values.detach().requires_grad_(true);
        using var output = op(leaf);
        output.backward([upstream]);
        return (output.detach(), leaf.grad!.detach());
    }

    /// <summary>TorchSharp's unfused operators: the reference.</summary>
    public static Tensor Reference(Tensor x, long kernel = 2, long? stride = null)
    {
        using var activated = torch.nn.functional.relu(x);
        var step = stride ?? kernel;
        return torch.nn.functional.max_pool2d(activated, [kernel, kernel], [step, step]);
    }
}
