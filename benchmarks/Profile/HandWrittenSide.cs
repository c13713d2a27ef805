using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// The hand-written TorchSharp baseline of the epoch benchmark: <see cref="HandWrittenConvNet"/>'s <c>Sequential</c>,
/// TorchSharp's RMSProp, cross-entropy on class indices, batches gathered with <c>index_select</c> from the whole
/// training set held in one float tensor. Its layers are the <c>Sequential</c>'s children, called one by one.
/// </summary>
internal sealed class HandWrittenSide : ProfiledSide
{
    private readonly Tensor x;
    private readonly Tensor y;
    private readonly Tensor order;
    private readonly nn.Module<Tensor, Tensor> net = HandWrittenConvNet.Create();
    private readonly optim.Optimizer optimizer;
    private readonly (string, Func<Tensor, Tensor>)[] layers;
    private long next;

    public HandWrittenSide(string dataDir)
    {
        x = IdxTensors.Images(Path.Combine(dataDir, "train-images-idx3-ubyte.gz"));
        y = IdxTensors.Labels(Path.Combine(dataDir, "train-labels-idx1-ubyte.gz"));
        order = randperm(x.shape[0]);
        optimizer = HandWrittenConvNet.Optimizer(net);
        net.train();
        var children = net.named_children().ToDictionary(c => c.name, c => (nn.Module<Tensor, Tensor>)c.module);
        Func<Tensor, Tensor> Call(params string[] names) => t =>
        {
            foreach (var name in names) t = children[name].call(t);
            return t;
        };
        layers =
        [
            ("conv1", Call("conv1")), ("relu1 + pool1", Call("relu1", "pool1")),
            ("conv2", Call("conv2")), ("relu2 + pool2", Call("relu2", "pool2")),
            ("conv3", Call("conv3")), ("relu3", Call("relu3")), ("flatten", Call("flatten")),
            ("fc1", Call("fc1")), ("relu4", Call("relu4")), ("fc2", Call("fc2")),
        ];
    }

    protected override IReadOnlyList<(string Row, Func<Tensor, Tensor> Op)> Layers => layers;

    protected override optim.Optimizer Optimizer => optimizer;

    protected override (Tensor X, Tensor Y, IDisposable? Owner) NextBatch()
    {
        if (next + 64 > x.shape[0]) next = 0;
        var idx = order.narrow(0, next, 64);
        next += 64;
        return (x.index_select(0, idx), y.index_select(0, idx), null);
    }

    protected override Tensor Loss(Tensor logits, Tensor labels) => nn.functional.cross_entropy(logits, labels);

    protected override void Bookkeeping(Tensor loss, Tensor logits, Tensor labels, StepClock clock)
    {
        _ = loss.item<float>();
        clock.Lap("loss value");
        _ = logits.argmax(1).eq(labels).sum().item<long>();
        clock.Lap("metrics");
    }

    public override void WholeStep()
    {
        // The loop body of benchmarks/FashionMnistEpoch's torchsharp side.
        using var scope = NewDisposeScope();
        var (xb, yb, _) = NextBatch();
        optimizer.zero_grad();
        var logits = net.forward(xb);
        var loss = nn.functional.cross_entropy(logits, yb);
        loss.backward();
        optimizer.step();
        _ = loss.item<float>();
        _ = logits.argmax(1).eq(yb).sum().item<long>();
    }

    public override void Dispose()
    {
        optimizer.Dispose();
        net.Dispose();
        order.Dispose();
        x.Dispose();
        y.Dispose();
    }
}
