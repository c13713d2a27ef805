using System.Diagnostics;
using System.Globalization;
using ModelDsl.Torch;
using ModelDsl.Training;
using ModelDsl.Training.Data;

// One training epoch of the main job (seed convnet, Fashion-MNIST 60k, batch 64, Keras RMSprop,
// categorical cross-entropy), timed from the first batch to the last optimizer step. Not a test:
// run.sh runs it beside pytorch_epoch.py and prints both.
var dataDir = args.Length > 0 ? args[0] : MnistDataSet.DebianFashionMnistDirectory;
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var limit = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : int.MaxValue; // quick runs: fewer images
TorchRuntime.SetThreads(threads);
TorchRuntime.ManualSeed(1);

var data = MnistDataSet.Load(dataDir, TargetEncoding.OneHot);
var train = data.Train.Take(limit);
using var model = new FashionMnist.FashionConvNet();
using var trainer = new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy");

// Warm-up outside the timing (oneDNN primitive creation, JIT), as the PyTorch script does.
trainer.Fit(data.Train.Take(64 * 5), epochs: 1, batchSize: 64, shuffle: false, verbose: 0);

// CPU time too: on a shared machine wall time depends on the neighbours, CPU time much less.
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var watch = Stopwatch.StartNew();
var history = trainer.Fit(train, epochs: 1, batchSize: 64, seed: 1, verbose: 0);
var seconds = watch.Elapsed.TotalSeconds;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
var test = trainer.Evaluate(data.Test, batchSize: 500);
// MDSL_TRACE=path: 100 more training steps under the operator profiler (benchmarks/trace_summary.py FILE 100).
if (Environment.GetEnvironmentVariable("MDSL_TRACE") is { Length: > 0 } trace)
{
    using (TorchProfiler.Record(trace)) trainer.Fit(data.Train.Take(6400), epochs: 1, batchSize: 64, seed: 2, verbose: 0);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"modeldsl epoch_seconds={seconds:F2} cpu_seconds={cpuSeconds:F2} steps={(train.Count + 63) / 64} ms_per_step={seconds * 1000 / ((train.Count + 63) / 64):F1} " +
    $"train_loss={history["loss"][0]:F4} train_accuracy={history["accuracy"][0]:F4} test_accuracy={test["accuracy"]:F4} threads={TorchRuntime.Threads}"));
