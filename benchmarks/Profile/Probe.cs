using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// An identity autograd node placed after an operator: its backward runs as soon as the gradient of that operator's
/// output is complete, i.e. right after the backward of the operator that consumed it, and laps the clock there.
/// libtorch's CPU autograd engine runs on the thread that called <c>backward()</c>, one node at a time, and runs a
/// parameter's gradient accumulation before the lower-numbered probe, so the time between two probes is the
/// backward of the operator between them (TorchSharp 0.107 exposes no libtorch profiler).
/// </summary>
internal sealed class Probe : autograd.SingleTensorFunction<Probe>
{
    /// <inheritdoc />
    public override string Name => "Profile.Probe";

    /// <summary>
    /// <paramref name="x"/> unchanged (an alias); when the gradient flows back through it, <paramref name="row"/> is
    /// charged the time since the previous lap.
    /// </summary>
    public static Tensor Apply(Tensor x, StepClock clock, string row) => apply(x, clock, row);

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ctx.save_data("clock", vars[1]);
        ctx.save_data("row", vars[2]);
        return ((Tensor)vars[0]).alias();
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        ((StepClock)ctx.get_data("clock")).Lap((string)ctx.get_data("row"));
        return [grad_output, null!, null!];
    }
}
