using System.Buffers;
using ModelDsl.Torch;
using ModelDsl.Torch.Nn;
using ModelDsl.Torch.Optim;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;

namespace ModelDsl.Training;

/// <summary>
/// Runs one training or evaluation step on a batch and keeps the running loss and metrics of the epoch.
/// Every tensor a step creates lives in that step's dispose scope.
/// </summary>
internal sealed class StepRunner
{
    private readonly Module model;
    private readonly Loss loss;
    private readonly IReadOnlyList<Metric> metrics;
    private double lossSum;
    private long examples;

    public StepRunner(Module model, Loss loss, IReadOnlyList<Metric> metrics)
    {
        this.model = model;
        this.loss = loss;
        this.metrics = metrics;
        UsesLogits = loss.CanUseLogits && !loss.FromLogits && LogitsPath.For(model) is not null;
    }

    /// <summary>Whether the loss is computed on the model's logits rather than its softmax output.</summary>
    public bool UsesLogits { get; }

    public void Reset()
    {
        lossSum = 0;
        examples = 0;
        foreach (var m in metrics) m.Reset();
    }

    /// <summary>Forward, backward and optimizer step; returns the batch's mean loss.</summary>
    public double TrainStep(Batch batch, Optimizer optimizer)
    {
        using var scope = DisposeScope.Begin();
        optimizer.ZeroGrad();
        var (value, outputs) = Forward(batch);
        value.Backward();
        optimizer.Step();
        return Record(batch, value, outputs);
    }

    /// <summary>Forward only, without building a graph; returns the batch's mean loss.</summary>
    public double EvalStep(Batch batch)
    {
        using var scope = DisposeScope.Begin();
        using var noGrad = NoGradScope.Begin();
        var (value, outputs) = Forward(batch);
        return Record(batch, value, outputs);
    }

    public void WriteLogs(Logs logs)
    {
        logs["loss"] = examples == 0 ? double.NaN : lossSum / examples;
        foreach (var m in metrics) logs[m.Name] = m.Result;
    }

    private (Tensor Loss, Tensor Outputs) Forward(Batch batch)
    {
        if (UsesLogits)
        {
            var logits = LogitsPath.For(model)!(batch.Inputs);
            return (loss.ComputeOnLogits(logits, batch.Targets), logits);
        }
        var outputs = model.Forward(batch.Inputs);
        return (loss.Compute(outputs, batch.Targets), outputs);
    }

    private double Record(Batch batch, Tensor value, Tensor outputs)
    {
        var batchLoss = value.ToScalar();
        var n = batch.Size;
        lossSum += batchLoss * n;
        examples += n;
        if (metrics.Count > 0) UpdateMetrics(outputs, batch.Targets, n);
        return batchLoss;
    }

    private void UpdateMetrics(Tensor outputs, Tensor targets, int n)
    {
        // Metrics read a managed copy: a few hundred floats per step, cheaper than one native call per metric.
        var outWidth = (int)(outputs.Numel / Math.Max(n, 1));
        var targetWidth = (int)(targets.Numel / Math.Max(n, 1));
        var o = ArrayPool<float>.Shared.Rent(n * outWidth);
        var t = ArrayPool<float>.Shared.Rent(n * targetWidth);
        try
        {
            var os = o.AsSpan(0, n * outWidth);
            var ts = t.AsSpan(0, n * targetWidth);
            outputs.Detach().CopyTo(os);
            if (targets.DType == DType.Float32)
            {
                targets.CopyTo(ts);
            }
            else
            {
                using var asFloat = targets.To(DType.Float32);
                asFloat.CopyTo(ts);
            }
            foreach (var m in metrics) m.Update(os, outWidth, ts, targetWidth);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(o);
            ArrayPool<float>.Shared.Return(t);
        }
    }
}
