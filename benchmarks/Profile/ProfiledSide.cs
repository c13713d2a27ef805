using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// One way of training the seed convnet, taken apart: its layers as a list of named operators (so a probe can sit
/// between any two), its batches, loss and bookkeeping. <see cref="ProfiledStep"/> laps a clock around each part;
/// <see cref="WholeStep"/> is the same step exactly as the real training loop runs it, without probes, to measure
/// what the probes themselves cost.
/// </summary>
internal abstract class ProfiledSide : IDisposable
{
    /// <summary>The operators of the forward pass in order, each with the row its time is charged to.</summary>
    protected abstract IReadOnlyList<(string Row, Func<Tensor, Tensor> Op)> Layers { get; }

    /// <summary>The optimizer: RMSprop with Keras's hyper-parameters (TorchSharp's, or ModelDsl's one-pass subclass).</summary>
    protected abstract optim.Optimizer Optimizer { get; }

    /// <summary>The next training batch, as this side's loop obtains it; <c>Owner</c> frees it when not scoped.</summary>
    protected abstract (Tensor X, Tensor Y, IDisposable? Owner) NextBatch();

    /// <summary>Checks done before the first layer (the generated model's input guard); laps nothing by default.</summary>
    protected virtual void BeforeLayers(Tensor x, StepClock clock)
    {
    }

    /// <summary>The loss on the logits.</summary>
    protected abstract Tensor Loss(Tensor logits, Tensor y);

    /// <summary>Reads the loss value and updates the accuracy, lapping "loss value" and "metrics".</summary>
    protected abstract void Bookkeeping(Tensor loss, Tensor logits, Tensor y, StepClock clock);

    /// <summary>One training step exactly as the side's real loop runs it (batch included), without probes.</summary>
    public abstract void WholeStep();

    /// <summary>One training step with every part timed; samples are kept when <paramref name="keep"/>.</summary>
    public void ProfiledStep(StepClock clock, bool keep)
    {
        clock.Skip();
        var scope = NewDisposeScope();
        clock.Lap("dispose scope: open");
        var (x, y, owner) = NextBatch();
        clock.Lap("data: make batch");
        Optimizer.zero_grad();
        clock.Lap("zero_grad");
        BeforeLayers(x, clock);
        var layers = Layers;
        for (var k = 0; k < layers.Count; k++)
        {
            x = layers[k].Op(x);
            clock.Lap("fwd " + layers[k].Row);
            // The probe after layer k fires once layer k+1 (or the loss) has sent its gradient back.
            x = Probe.Apply(x, clock, k + 1 < layers.Count ? "bwd " + layers[k + 1].Row : "bwd loss");
            clock.Skip();
        }
        var loss = Loss(x, y);
        clock.Lap("fwd loss");
        loss.backward();
        clock.Lap("bwd " + layers[0].Row);
        Optimizer.step();
        clock.Lap("optimizer step");
        Bookkeeping(loss, x, y, clock);
        if (owner is not null)
        {
            owner.Dispose();
            clock.Lap("data: free batch");
        }
        scope.Dispose();
        clock.Lap("dispose scope: close (frees the step's tensors)");
        clock.EndStep(keep);
    }

    /// <inheritdoc />
    public abstract void Dispose();
}
