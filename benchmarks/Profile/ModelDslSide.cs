using System.Runtime.InteropServices;
using FashionMnist;
using ModelDsl.Runtime;
using ModelDsl.Runtime.Kernels;
using ModelDsl.Training;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// The main job's path: the generated <see cref="FashionConvNet"/> trained as <c>Trainer.Fit</c> trains it (batches from
/// the IDX dataset with one-hot targets, categorical cross-entropy on the logits, RMSprop by name, accuracy). The
/// layer list repeats the generated <c>ForwardLogits</c> call by call (the same runtime entry points, so with
/// <c>MDSL_KERNELS=off</c> it runs their TorchSharp fallbacks); <see cref="WholeStep"/> calls <c>ForwardLogits</c>
/// itself (the list itself in the configuration without the fused input block), and the table's "whole step" row shows
/// that both agree.
/// </summary>
internal sealed class ModelDslSide : ProfiledSide
{
    private readonly FashionConvNet model = new();
    private readonly optim.Optimizer optimizer;
    private readonly Loss loss = ModelDsl.Training.Losses.Loss.FromName("categorical_crossentropy");
    private readonly Metric accuracy = Metric.FromName("accuracy");
    private readonly IdxImageDataset data;
    private readonly int[] order;
    private readonly (string, Func<Tensor, Tensor>)[] layers;
    private readonly bool fuseInputBlock;
    private int next;

    /// <param name="dataDir">The Fashion-MNIST directory.</param>
    /// <param name="fuseInputBlock">Run the input block as the generated code does, one kernel for conv1 + relu1 + pool1;
    /// false runs it as the two kernels the generator emitted before (input convolution, then relu + pool).</param>
    public ModelDslSide(string dataDir, bool fuseInputBlock = true)
    {
        data = MnistDataSet.Load(dataDir, TargetEncoding.OneHot).Train;
        order = new DataLoader(data, 64, shuffle: true, seed: 1).Order(0);
        this.fuseInputBlock = fuseInputBlock;
        optimizer = Optimizers.FromName("rmsprop", model.parameters());
        model.train();
        (string, Func<Tensor, Tensor>)[] inputBlock = fuseInputBlock
            ? [("conv1 + relu1 + pool1", x => Convolution.InputConv2dReluMaxPool2d(x, model.Conv2d.weight!, model.Conv2d.bias, 2))]
            :
            [
                ("conv1", x => Convolution.InputConv2d(x, model.Conv2d.weight!, model.Conv2d.bias)),
                ("relu1 + pool1", x => Pooling.ReluMaxPool2d(x, 2)),
            ];
        layers =
        [
            .. inputBlock,
            ("conv2", x => model.Conv2d1.forward(x)),
            ("relu2 + pool2", x => Pooling.ReluMaxPool2d(x, 2)),
            ("conv3", x => model.Conv2d2.forward(x)),
            ("relu3", x => nn.functional.relu(x)),
            ("flatten", x => x.flatten(1)),
            ("fc1", x => model.Dense.forward(x)),
            ("relu4", x => nn.functional.relu(x)),
            ("fc2", x => model.Dense1.forward(x)),
        ];
    }

    protected override IReadOnlyList<(string Row, Func<Tensor, Tensor> Op)> Layers => layers;

    protected override optim.Optimizer Optimizer => optimizer;

    protected override (Tensor X, Tensor Y, IDisposable? Owner) NextBatch()
    {
        // In Trainer.Fit this runs on the loader's prefetch thread, overlapping the step; here it is timed inline.
        if (next + 64 > order.Length) next = 0;
        var batch = data.GetBatch(order.AsSpan(next, 64));
        next += 64;
        return (batch.Inputs, batch.Targets, batch);
    }

    protected override void BeforeLayers(Tensor x, StepClock clock)
    {
        InputGuard.Check(x, FashionConvNet.InputShape, "FashionConvNet", "input");
        clock.Lap("fwd input guard");
    }

    protected override Tensor Loss(Tensor logits, Tensor y) => loss.ComputeOnLogits(logits, y);

    protected override void Bookkeeping(Tensor lossValue, Tensor logits, Tensor y, StepClock clock)
    {
        _ = lossValue.ToDouble();
        clock.Lap("loss value");
        UpdateAccuracy(logits, y);
        clock.Lap("metrics");
    }

    /// <summary>The training examples (one-hot targets).</summary>
    public IdxImageDataset Data => data;

    public override void WholeStep()
    {
        // The batch made and freed inline.
        using var batch = NextBatchOwned();
        Step(batch);
    }

    /// <summary>StepRunner.TrainStep on a batch.</summary>
    public void Step(Batch batch)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var logits = fuseInputBlock ? model.ForwardLogits(batch.Inputs) : UnprobedLayers(batch.Inputs);
        var value = loss.ComputeOnLogits(logits, batch.Targets);
        value.backward();
        optimizer.step();
        _ = value.ToDouble();
        UpdateAccuracy(logits, batch.Targets);
    }

    // The generated ForwardLogits fuses the input block; the configuration that does not runs the layer list instead.
    private Tensor UnprobedLayers(Tensor input)
    {
        var x = input;
        foreach (var (_, op) in layers) x = op(x);
        return x;
    }

    private Batch NextBatchOwned()
    {
        var (_, _, owner) = NextBatch();
        return (Batch)owner!;
    }

    // StepRunner.UpdateMetrics: the metric reads a float32 host view of outputs and targets.
    private void UpdateAccuracy(Tensor logits, Tensor targets)
    {
        using var o = logits.detach().to(ScalarType.Float32, CPU).contiguous();
        using var t = targets.detach().to(ScalarType.Float32, CPU).contiguous();
        var n = (int)logits.shape[0];
        accuracy.Update(MemoryMarshal.Cast<byte, float>(o.bytes), (int)(o.numel() / n), MemoryMarshal.Cast<byte, float>(t.bytes), (int)(t.numel() / n));
    }

    public override void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
    }
}
