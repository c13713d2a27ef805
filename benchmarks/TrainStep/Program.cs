// One training step of the seed's MNIST convnet (batch 64, Keras RMSprop, cross-entropy on logits), timed
// after warm-up, on a fixed random batch (no data loading). Two sides in one executable so run.sh can
// alternate them with PyTorch:
//   modeldsl    the generated FashionConvNet (examples/FashionMnist) through its ForwardLogits path
//   torchsharp  the same network hand-written idiomatically in TorchSharp (benchmarks/Common)
// Usage: TrainStep SIDE [THREADS] [STEPS] [WARMUP]. Prints "ms_per_step=X" (median wall time), the mean,
// the process CPU time per step and the loss trend.
using System.Diagnostics;
using System.Globalization;
using ModelDsl.Benchmarks;
using TorchSharp;
using static TorchSharp.torch;

var side = args.Length > 0 ? args[0] : "modeldsl";
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var warmUp = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
torch.set_num_threads(threads);
torch.manual_seed(1);

nn.Module<Tensor, Tensor> model;
Func<Tensor, Tensor> logits;
switch (side)
{
    case "modeldsl":
        var generated = new FashionMnist.FashionConvNet();
        model = generated;
        logits = generated.ForwardLogits;
        break;
    case "torchsharp":
        model = HandWrittenConvNet.Create();
        logits = model.forward;
        break;
    default:
        Console.Error.WriteLine($"unknown side '{side}': modeldsl or torchsharp");
        return 2;
}
using var optimizer = HandWrittenConvNet.Optimizer(model);
model.train();

// A fixed batch, so the step is measured without data loading (the same in the Python script).
using var x = rand(64, 1, 28, 28);
using var y = randint(0, 10, new long[] { 64 });

float Step()
{
    using var scope = NewDisposeScope();
    optimizer.zero_grad();
    var loss = nn.functional.cross_entropy(logits(x), y);
    loss.backward();
    optimizer.step();
    return loss.item<float>();
}

var first = Step();
for (var i = 1; i < warmUp; i++) Step();
var times = new double[steps];
var last = first;
// CPU time of the whole process over the timed steps: on a shared, loaded machine it is steadier than wall time.
var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
var faultsStart = MinorFaults();
for (var i = 0; i < steps; i++)
{
    var start = Stopwatch.GetTimestamp();
    last = Step();
    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / steps;
var faults = (MinorFaults() - faultsStart) / (double)steps;
Array.Sort(times);
Console.WriteLine(FormattableString.Invariant(
    $"{side} threads={threads} steps={steps} ms_per_step={times[steps / 2]:F2} mean_ms={times.Average():F2} p10_ms={times[steps / 10]:F2} cpu_ms_per_step={cpuMs:F2} faults_per_step={faults:F0} loss {first:F3} -> {last:F3}"));
model.Dispose();
return 0;

// Minor page faults of this process so far (Linux /proc/self/stat field 10); 0 elsewhere.
static long MinorFaults()
{
    if (!OperatingSystem.IsLinux()) return 0;
    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return long.Parse(fields[7], CultureInfo.InvariantCulture);
}
