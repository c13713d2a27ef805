// One training epoch of the main job's model (seed convnet, Fashion-MNIST 60k, batch 64, Keras RMSprop,
// cross-entropy), timed from the first batch to the last optimizer step. Two sides in one executable so
// run.sh can alternate them with PyTorch:
//   modeldsl    the main job's path: the generated FashionConvNet trained by ModelDsl's Trainer.Fit
//   torchsharp  the same network hand-written in TorchSharp, a plain loop over the same in-memory tensors
// Usage: FashionMnistEpoch SIDE [DATA_DIR] [THREADS] [TRAIN_LIMIT]. Not a test.
using System.Diagnostics;
using System.Globalization;
using ModelDsl.Benchmarks;
using ModelDsl.Training;
using ModelDsl.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

var side = args.Length > 0 ? args[0] : "modeldsl";
var dataDir = args.Length > 1 ? args[1] : "/usr/share/datasets/fashion-mnist";
var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
var limit = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60000; // quick runs: fewer images
torch.set_num_threads(threads);
torch.manual_seed(1);

string Result(double seconds, double cpuSeconds, int count, double trainLoss, double trainAccuracy, double testAccuracy) =>
    string.Create(CultureInfo.InvariantCulture,
        $"{side} epoch_seconds={seconds:F2} cpu_seconds={cpuSeconds:F2} steps={(count + 63) / 64} ms_per_step={seconds * 1000 / ((count + 63) / 64):F1} " +
        $"train_loss={trainLoss:F4} train_accuracy={trainAccuracy:F4} test_accuracy={testAccuracy:F4} threads={torch.get_num_threads()}");

if (side == "modeldsl")
{
    var data = MnistDataSet.Load(dataDir, TargetEncoding.OneHot);
    var train = data.Train.Take(Math.Min(limit, data.Train.Count));
    using var model = new FashionMnist.FashionConvNet();
    using var trainer = new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy");
    // Warm-up outside the timing (oneDNN primitive creation, JIT), as the other sides do.
    trainer.Fit(data.Train.Take(64 * 5), epochs: 1, batchSize: 64, shuffle: false, verbose: 0);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var history = trainer.Fit(train, epochs: 1, batchSize: 64, seed: 1, verbose: 0);
    var seconds = watch.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    var test = trainer.Evaluate(data.Test, batchSize: 500);
    Console.WriteLine(Result(seconds, cpuSeconds, train.Count, history["loss"][0], history["accuracy"][0], test["accuracy"]));
    return 0;
}
if (side != "torchsharp")
{
    Console.Error.WriteLine($"unknown side '{side}': modeldsl or torchsharp");
    return 2;
}

using var xAll = IdxTensors.Images(Path.Combine(dataDir, "train-images-idx3-ubyte.gz"));
using var yAll = IdxTensors.Labels(Path.Combine(dataDir, "train-labels-idx1-ubyte.gz"));
using var x = xAll.narrow(0, 0, Math.Min(limit, xAll.shape[0]));
using var y = yAll.narrow(0, 0, x.shape[0]);
using var xt = IdxTensors.Images(Path.Combine(dataDir, "t10k-images-idx3-ubyte.gz"));
using var yt = IdxTensors.Labels(Path.Combine(dataDir, "t10k-labels-idx1-ubyte.gz"));
using var net = HandWrittenConvNet.Create();
using var optimizer = HandWrittenConvNet.Optimizer(net);
net.train();
for (var i = 0; i < 5; i++)
{
    using var scope = NewDisposeScope();
    HandWrittenConvNet.Step(net, optimizer, x.narrow(0, i * 64, 64), y.narrow(0, i * 64, 64));
}

var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
using var order = randperm(x.shape[0]);
double totalLoss = 0, correct = 0;
for (long i = 0; i < x.shape[0]; i += 64)
{
    using var scope = NewDisposeScope();
    var idx = order.narrow(0, i, Math.Min(64, x.shape[0] - i));
    var xb = x.index_select(0, idx);
    var yb = y.index_select(0, idx);
    optimizer.zero_grad();
    var logits = net.forward(xb);
    var loss = nn.functional.cross_entropy(logits, yb);
    loss.backward();
    optimizer.step();
    totalLoss += loss.item<float>() * idx.shape[0];
    correct += logits.argmax(1).eq(yb).sum().item<long>();
}
var elapsed = clock.Elapsed.TotalSeconds;
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
net.eval();
long testCorrect = 0;
using (no_grad())
{
    for (long i = 0; i < xt.shape[0]; i += 500)
    {
        using var scope = NewDisposeScope();
        testCorrect += net.forward(xt.narrow(0, i, 500)).argmax(1).eq(yt.narrow(0, i, 500)).sum().item<long>();
    }
}
Console.WriteLine(Result(elapsed, cpu, (int)x.shape[0], totalLoss / x.shape[0], correct / x.shape[0], testCorrect / (double)xt.shape[0]));
return 0;
