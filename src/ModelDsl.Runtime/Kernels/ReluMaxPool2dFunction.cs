using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The autograd node of the fused ReLU + 2x2 max-pool: forward saves only the input (no int64 indices), backward
/// recomputes each window's winner from it. Not differentiable twice.
/// </summary>
internal sealed class ReluMaxPool2dFunction : torch.autograd.SingleTensorFunction<ReluMaxPool2dFunction>
{
    private const string LayoutKey = "layout";

    /// <inheritdoc />
    public override string Name => "ModelDsl.ReluMaxPool2d";

    /// <summary>Applies the function to a tensor <see cref="ReluMaxPool2x2.LayoutOf"/> covers.</summary>
    public static Tensor Apply(Tensor input, ReluMaxPool2x2.Layout layout)
    {
        var output = apply(input, layout);
        DeferredRelease.ReleaseHeld();
        return output;
    }

    /// <inheritdoc />
    public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var layout = (ReluMaxPool2x2.Layout)vars[1];
        ctx.save_for_backward([input]);
        ctx.save_data(LayoutKey, layout);
        return DeferredRelease.Hold(ReluMaxPool2x2.Forward(input, layout));
    }

    /// <inheritdoc />
    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        using var input = saved[0];
        var layout = (ReluMaxPool2x2.Layout)ctx.get_data(LayoutKey);
        // One gradient per forward argument; the layout is not a tensor.
        return [DeferredRelease.Hold(ReluMaxPool2x2.Backward(input, grad_output, layout)), null!];
    }
}
