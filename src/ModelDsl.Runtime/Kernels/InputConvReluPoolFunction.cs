using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The autograd node of the fused input block <c>max_pool2d(relu(conv2d(x, w, b)), 2)</c>: forward saves the images and
/// one byte per pooling window (its winning cell), backward computes the weight and bias gradients from them and never
/// the images' (they are data). Not differentiable twice.
/// </summary>
internal sealed class InputConvReluPoolFunction : torch.autograd.SingleTensorFunction<InputConvReluPoolFunction>
{
    /// <inheritdoc />
    public override string Name => "ModelDsl.InputConv2dReluMaxPool2d";

    // The winners tensor must outlive forward: TorchSharp packs the saved tensors after forward returns.
    [ThreadStatic]
    private static Tensor? savedWinners;

    /// <summary>Applies the function to tensors <see cref="InputConvReluPool.Covers"/> accepts.</summary>
    public static Tensor Apply(Tensor input, Tensor weight, Tensor? bias)
    {
        try
        {
            var output = apply(input, weight, bias!);
            DeferredRelease.ReleaseHeld();
            return output;
        }
        finally
        {
            // The graph holds its own reference to the saved tensor.
            savedWinners?.Dispose();
            savedWinners = null;
        }
    }

    /// <inheritdoc />
    public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var weight = (Tensor)vars[1];
        var bias = vars[2] as Tensor;
        var wide = InputConvReluPool.Wide;
        var (output, winners) = InputConvReluPool.Forward(input, weight, bias, withWinners: true, wide);
        ctx.save_for_backward([input, winners!]);
        savedWinners = winners;
        ctx.save_data("channels", (int)weight.shape[0]);
        ctx.save_data("bias", bias is not null);
        ctx.save_data("wide", wide);
        return DeferredRelease.Hold(output);
    }

    /// <inheritdoc />
    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        using var input = saved[0];
        using var winners = saved[1];
        var (weightGrad, biasGrad) = InputConvReluPool.Backward(input, grad_output, winners,
            (int)ctx.get_data("channels"), (bool)ctx.get_data("bias"), (bool)ctx.get_data("wide"));
        // The images need no gradient; a missing bias gets none.
        return [null!, weightGrad, biasGrad!];
    }
}
