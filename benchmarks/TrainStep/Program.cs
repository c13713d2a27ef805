// One training step of the seed's MNIST convnet (batch 64) in ModelDsl.Torch, timed after warm-up.
// Usage: TrainStep [THREADS] [STEPS] [WARMUP] [MODEL: seed|tiny]; MDSL_TRACE=file also writes an operator trace.
// Prints "ms_per_step=X" (median wall time of the timed steps) for run.sh, the mean, the process CPU time
// per step and the loss trend.
using System.Diagnostics;
using System.Globalization;
using ModelDsl.Torch;
using ModelDsl.Torch.Nn;
using ModelDsl.Torch.Optim;
using F = ModelDsl.Torch.Nn.Functional;

var threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
var steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var warmUp = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var tiny = args.Length > 3 && args[3] == "tiny";
TorchRuntime.SetThreads(threads);
TorchRuntime.ManualSeed(1);

using var model = tiny
    ? new Sequential(new Conv2d(1, 4, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 3 * 3, 3))
    : new Sequential(
        new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2),
        new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
        new Conv2d(64, 64, 3), new ReLU(),
        new Flatten(), new Linear(576, 64), new ReLU(), new Linear(64, 10));
using var optimizer = RmsProp.Keras(model.Parameters());

// A fixed batch, so the step is measured without data loading (the same in the Python script).
Tensor x, y;
using (DisposeScope.Begin())
{
    x = (tiny ? Tensor.Rand(4, 1, 8, 8) : Tensor.Rand(64, 1, 28, 28)).DetachFromScope();
    y = Tensor.RandInt(0, tiny ? 3 : 10, [tiny ? 4 : 64]).DetachFromScope();
}

float Step()
{
    using var scope = DisposeScope.Begin();
    optimizer.ZeroGrad();
    var loss = F.CrossEntropy(model.Forward(x), y);
    loss.Backward();
    optimizer.Step();
    return loss.Item<float>();
}

var first = 0f;
for (var i = 0; i < warmUp; i++) first = i == 0 ? Step() : first + 0 * Step();
var times = new double[steps];
var last = 0f;
// CPU time of the whole process over the timed steps: on a shared, loaded machine it is steadier than wall time.
var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
for (var i = 0; i < steps; i++)
{
    var start = Stopwatch.GetTimestamp();
    last = Step();
    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / steps;
// MDSL_TRACE=path: 50 more steps under the operator profiler (summarise with benchmarks/trace_summary.py).
if (Environment.GetEnvironmentVariable("MDSL_TRACE") is { Length: > 0 } trace)
{
    using (TorchProfiler.Record(trace))
    {
        for (var i = 0; i < 50; i++) Step();
    }
}
Array.Sort(times);
Console.WriteLine(FormattableString.Invariant(
    $"modeldsl threads={threads} steps={steps} ms_per_step={times[steps / 2]:F2} mean_ms={times.Average():F2} p10_ms={times[steps / 10]:F2} cpu_ms_per_step={cpuMs:F2} loss {first:F3} -> {last:F3}"));
x.Dispose();
y.Dispose();
