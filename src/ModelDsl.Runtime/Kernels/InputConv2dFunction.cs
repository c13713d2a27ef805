using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The autograd node of the input-layer convolution: forward saves only the input, backward computes the weight and
/// bias gradients and never the input's (the input is data). Not differentiable twice.
/// </summary>
internal sealed class InputConv2dFunction : torch.autograd.SingleTensorFunction<InputConv2dFunction>
{
    /// <inheritdoc />
    public override string Name => "ModelDsl.InputConv2d";

    /// <summary>Applies the function to tensors <see cref="InputConv3x3.Covers"/> accepts.</summary>
    public static Tensor Apply(Tensor input, Tensor weight, Tensor? bias)
    {
        var output = apply(input, weight, bias!);
        DeferredRelease.ReleaseHeld();
        return output;
    }

    /// <inheritdoc />
    public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var weight = (Tensor)vars[1];
        var bias = vars[2] as Tensor;
        ctx.save_for_backward([input]);
        ctx.save_data("channels", (int)weight.shape[0]);
        ctx.save_data("bias", bias is not null);
        return DeferredRelease.Hold(InputConv3x3.Forward(input, weight, bias));
    }

    /// <inheritdoc />
    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        using var input = saved[0];
        var (weightGrad, biasGrad) = InputConv3x3.Backward(input, grad_output, (int)ctx.get_data("channels"),
            (bool)ctx.get_data("bias"));
        // The input needs no gradient; a missing bias gets none.
        return [null!, weightGrad, biasGrad!];
    }
}
