using System.Runtime.InteropServices;
using ModelDsl.Runtime.Inference;
using TorchSharp;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;
using ModelDsl.Training.Parallel;
using static TorchSharp.torch;
using Optimizer = TorchSharp.torch.optim.Optimizer;

namespace ModelDsl.Training;

/// <summary>
/// Runs one training or evaluation step on a batch and keeps the running loss and metrics of the epoch.
/// Every tensor a step creates lives in that step's dispose scope.
/// </summary>
internal sealed class StepRunner
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly Loss loss;
    private readonly IReadOnlyList<Metric> metrics;
    private readonly Func<Tensor, Tensor>? logits;
    private double lossSum;
    private long examples;
    private Device device = CPU;

    public StepRunner(nn.Module<Tensor, Tensor> model, Loss loss, IReadOnlyList<Metric> metrics)
    {
        this.model = model;
        this.loss = loss;
        this.metrics = metrics;
        logits = loss.CanUseLogits && !loss.FromLogits ? LogitsPath.For(model) : null;
    }

    /// <summary>Whether the loss is computed on the model's logits rather than its softmax output.</summary>
    public bool UsesLogits => logits is not null;

    /// <summary>Starts an epoch or an evaluation: clears the running values and notes where the model lives.</summary>
    public void Reset()
    {
        device = ModelDevice(model);
        lossSum = 0;
        examples = 0;
        foreach (var m in metrics) m.Reset();
    }

    /// <summary>Forward, backward and optimizer step; returns the batch's mean loss.</summary>
    /// <param name="batch">The batch (this process's part of the global batch in a data-parallel fit).</param>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="parallel">In a data-parallel fit, averages the gradients over processes before the step.</param>
    public double TrainStep(Batch batch, Optimizer optimizer, IDataParallel? parallel = null)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var (value, outputs) = Forward(batch);
        value.backward();
        parallel?.SynchronizeGradients(model);
        optimizer.step();
        return Record(batch, value, outputs);
    }

    /// <summary>Forward only, without building a graph; returns the batch's mean loss.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="plan">The model's inference plan (same outputs, prepared weights), or null for its own forward.</param>
    public double EvalStep(Batch batch, InferencePlan? plan = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (value, outputs) = Forward(batch, plan);
        return Record(batch, value, outputs);
    }

    public void WriteLogs(Logs logs)
    {
        logs["loss"] = examples == 0 ? double.NaN : lossSum / examples;
        foreach (var m in metrics) logs[m.Name] = m.Result;
    }

    /// <summary>
    /// Writes the values over every process's examples since <see cref="Reset"/> (a collective call). Each metric is
    /// weighted by the examples each process saw, which is exact for every metric that is a mean over examples
    /// (all the accuracies: hits over cases).
    /// </summary>
    public void WriteLogs(Logs logs, IDataParallel parallel)
    {
        var totals = new double[2 + metrics.Count];
        totals[0] = lossSum;
        totals[1] = examples;
        for (var i = 0; i < metrics.Count; i++) totals[2 + i] = examples == 0 ? 0 : metrics[i].Result * examples;
        parallel.Sum(totals);
        var n = totals[1];
        logs["loss"] = n == 0 ? double.NaN : totals[0] / n;
        for (var i = 0; i < metrics.Count; i++) logs[metrics[i].Name] = n == 0 ? double.NaN : totals[2 + i] / n;
    }

    /// <summary>The device of the model's first parameter (CPU for a model without parameters).</summary>
    public static Device ModelDevice(nn.Module model) => model.parameters().FirstOrDefault()?.device ?? CPU;

    /// <summary>The tensor on <paramref name="device"/>; a copy made in the current dispose scope when it is elsewhere.</summary>
    public static Tensor On(Tensor t, Device device) => t.device == device ? t : t.to(device);

    private (Tensor Loss, Tensor Outputs) Forward(Batch batch, InferencePlan? plan = null)
    {
        // Data loaders build batches on the CPU; a model moved to a GPU gets them there.
        var inputs = On(batch.Inputs, device);
        var targets = On(batch.Targets, device);
        if (logits is not null)
        {
            var scores = plan is null ? logits(inputs) : plan.ForwardLogits(inputs);
            return (loss.ComputeOnLogits(scores, targets), scores);
        }
        var outputs = plan is null ? model.call(inputs) : plan.Forward(inputs);
        return (loss.Compute(outputs, targets), outputs);
    }

    private double Record(Batch batch, Tensor value, Tensor outputs)
    {
        var batchLoss = value.ToDouble();
        var n = batch.Size;
        lossSum += batchLoss * n;
        examples += n;
        if (metrics.Count > 0) UpdateMetrics(outputs, batch.Targets, n);
        return batchLoss;
    }

    private void UpdateMetrics(Tensor outputs, Tensor targets, int n)
    {
        // Metrics read the values in place through a float32 CPU view: a few hundred floats per step,
        // cheaper than one native call per metric. Argmax of logits equals argmax of their softmax.
        var o = HostFloats(outputs);
        var t = HostFloats(targets);
        var outWidth = (int)(o.numel() / Math.Max(n, 1));
        var targetWidth = (int)(t.numel() / Math.Max(n, 1));
        var os = MemoryMarshal.Cast<byte, float>(o.bytes);
        var ts = MemoryMarshal.Cast<byte, float>(t.bytes);
        foreach (var m in metrics) m.Update(os, outWidth, ts, targetWidth);
    }

    private static Tensor HostFloats(Tensor t) => t.detach().to(ScalarType.Float32, CPU).contiguous();
}
