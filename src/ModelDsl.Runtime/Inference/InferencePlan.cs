using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// A model prepared for inference: its graph lowered to a list of steps over weights prepared once — BatchNorm
/// folded into the convolution or dense layer before it, channels-last convolution weights, activations applied in
/// place to fresh outputs, pooling without indices — and run without autograd. The outputs equal the model's in eval
/// mode up to float32 rounding (within 1e-5 relative in the tests).
/// </summary>
/// <remarks>
/// A plan is a snapshot: it copies the weights when it is built and does not see later changes to the model. Get plans
/// from <see cref="InferencePath.For"/>, which rebuilds one when the model's weights have changed, or build one with
/// <see cref="InferencePlanBuilder"/> and dispose it yourself. A plan is not thread-safe for concurrent
/// <see cref="Forward"/> calls only in the sense that libtorch's operators are; it holds no mutable state between calls.
/// </remarks>
public sealed class InferencePlan : IDisposable
{
    private readonly InferenceStep[] steps;
    private readonly int[] lastReader;
    private readonly int nodeCount;
    private readonly int logitsEnd;
    private readonly bool softmaxAfterLogits;
    private readonly long[] sampleShape;
    private bool disposed;

    internal InferencePlan(string name, long[] sampleShape, int nodeCount, InferenceStep[] steps, int logitsEnd, bool softmaxAfterLogits, InferenceOptions options)
    {
        Name = name;
        this.sampleShape = sampleShape;
        this.nodeCount = nodeCount;
        this.steps = steps;
        this.logitsEnd = logitsEnd;
        this.softmaxAfterLogits = softmaxAfterLogits;
        Options = options;
        lastReader = new int[nodeCount];
        Array.Fill(lastReader, -1);
        for (var s = 0; s < steps.Length; s++)
        {
            foreach (var i in steps[s].Inputs) lastReader[i] = s;
        }
    }

    /// <summary>The model's name (used in input-shape errors).</summary>
    public string Name { get; }

    /// <summary>The options the plan was built with.</summary>
    public InferenceOptions Options { get; }

    /// <summary>How many operations a forward pass runs (fused layers count once).</summary>
    public int StepCount => steps.Length;

    /// <summary>The model's output in eval mode (probabilities when the model ends in softmax).</summary>
    /// <param name="input">A batch shaped (N, input shape...); not disposed.</param>
    /// <returns>A new tensor in the caller's dispose scope.</returns>
    /// <exception cref="ShapeMismatchException">The input does not have the model's declared per-sample shape.</exception>
    /// <exception cref="ObjectDisposedException">The plan was disposed (e.g. replaced after the weights changed).</exception>
    public Tensor Forward(Tensor input)
    {
        if (softmaxAfterLogits)
        {
            using var logits = Run(input, logitsEnd);
            return nn.functional.softmax(logits, 1);
        }
        return Run(input, steps.Length);
    }

    /// <summary>The output before the model's final softmax (the same as <see cref="Forward"/> for a model without one).</summary>
    /// <param name="input">A batch shaped (N, input shape...); not disposed.</param>
    /// <exception cref="ShapeMismatchException">The input does not have the model's declared per-sample shape.</exception>
    public Tensor ForwardLogits(Tensor input) => Run(input, logitsEnd);

    private Tensor Run(Tensor input, int end)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(disposed, this);
        InputGuard.Check(input, sampleShape, Name, "input");
        using var noGrad = no_grad();
        var values = new Tensor?[nodeCount];
        var writable = new bool[nodeCount];
        var first = Options.ChannelsLast && input.dim() == 4 && input.shape[1] > 1 && !MemoryLayout.IsChannelsLast(input)
            ? MemoryLayout.ToChannelsLast(input)
            : input;
        values[0] = first;
        writable[0] = !ReferenceEquals(first, input);
        var output = 0;
        for (var s = 0; s < end; s++)
        {
            var step = steps[s];
            var ids = step.Inputs;
            var inputs = new Tensor[ids.Length];
            var overwritable = new bool[ids.Length];
            for (var k = 0; k < ids.Length; k++)
            {
                inputs[k] = values[ids[k]] ?? throw new InvalidOperationException($"{Name}: node {ids[k]} was released before step {s} read it.");
                overwritable[k] = writable[ids[k]] && lastReader[ids[k]] == s && Array.IndexOf(ids, ids[k]) == Array.LastIndexOf(ids, ids[k]);
            }
            var y = step.Run(inputs, overwritable);
            var inPlace = false;
            for (var k = 0; k < ids.Length; k++)
            {
                if (!ReferenceEquals(y, inputs[k])) continue;
                // Updated in place: ownership passes to the result only when the input was the plan's to give.
                if (overwritable[k]) inPlace = true;
                else y = y.alias();
                break;
            }
            values[step.Output] = y;
            writable[step.Output] = inPlace || step.ReturnsFreshTensor && !ReferenceEquals(y, input);
            output = step.Output;
            foreach (var i in ids)
            {
                if (lastReader[i] != s || values[i] is not { } done) continue;
                if (!ReferenceEquals(done, y) && !ReferenceEquals(done, input)) done.Dispose();
                values[i] = null;
            }
        }
        var result = values[output]!;
        if (ReferenceEquals(result, input)) return input.alias();
        // Hand back the standard layout: callers (and TorchSharp's data<T>()) expect contiguous NCHW.
        if (result.dim() == 4 && !result.is_contiguous())
        {
            var standard = result.contiguous();
            result.Dispose();
            result = standard;
        }
        ReleaseOthers(values, result, input);
        return result;
    }

    // Values computed but not read before the end (ForwardLogits stops early) are released here.
    private static void ReleaseOthers(Tensor?[] values, Tensor keep, Tensor input)
    {
        foreach (var v in values)
        {
            if (v is not null && !ReferenceEquals(v, keep) && !ReferenceEquals(v, input)) v.Dispose();
        }
    }

    /// <summary>Releases the prepared weights.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var step in steps) step.Dispose();
    }
}
