using System.Diagnostics;
using System.Globalization;
using ModelDsl.Benchmarks;
using ModelDsl.Distributed;
using ModelDsl.Training;
using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;
using TorchSharp;
using static TorchSharp.torch;

// Data-parallel step time of the seed convnet (93,322 parameters) through Trainer.Fit, global batch 64, one libtorch
// thread per process: run alone (1 rank) and under `mpiexec -n 2` (2 ranks of batch 32). Prints the median step
// time, the share of it spent waiting in collective calls and copying gradients, and the bytes each process sends
// into Allreduce per step. Usage: Distributed.dll [STEPS] [WARMUP]   (see run.sh)
var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
const int GlobalBatch = 64;
torch.set_num_threads(1);

return MpiDataParallel.IsLaunchedByMpiexec ? MpiDataParallel.Run(mpi => Measure(mpi)) : Measure(null);

int Measure(MpiDataParallel? mpi)
{
    // Synthetic MNIST-shaped data: the step's cost does not depend on pixel values, and no files are needed.
    var examples = (steps + warmup) * GlobalBatch;
    var generator = new torch.Generator(1);
    var data = new TensorDataset(torch.rand([examples, 1, 28, 28], generator: generator), torch.randint(0, 10, [examples], generator: generator));
    torch.manual_seed(1);
    using var model = HandWrittenConvNet.Create();
    using var optimizer = HandWrittenConvNet.Optimizer(model);
    using var trainer = new Trainer(model, optimizer, new SparseCategoricalCrossEntropy(fromLogits: true), new Accuracy()) { DataParallel = mpi };

    var times = new List<double>();
    var clock = new Stopwatch();
    TimeSpan communication = default, copy = default;
    var timing = new LambdaCallback(
        onBatchEnd: (batch, _) =>
        {
            if (batch == warmup - 1 && mpi is not null)
            {
                communication = mpi.Stats.CommunicationTime;
                copy = mpi.Stats.CopyTime;
            }
            if (batch >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
        });
    clock.Start();
    trainer.Fit(data, epochs: 1, batchSize: GlobalBatch, shuffle: false, verbose: 0, callbacks: [timing]);

    var ranks = mpi?.WorldSize ?? 1;
    var total = times.Sum();
    var median = times.Order().ElementAt(times.Count / 2);
    var line = string.Create(CultureInfo.InvariantCulture, $"ranks={ranks} rank={mpi?.Rank ?? 0} steps={times.Count} median_ms={median:F2} mean_ms={total / times.Count:F2}");
    if (mpi is not null)
    {
        var comm = (mpi.Stats.CommunicationTime - communication).TotalMilliseconds;
        var copied = (mpi.Stats.CopyTime - copy).TotalMilliseconds;
        var (bytes, buckets) = mpi.GradientTraffic;
        line += string.Create(CultureInfo.InvariantCulture,
            $" comm_share={comm / total:P1} copy_share={copied / total:P1} allreduce_bytes_per_step={bytes} buckets={buckets}");
    }
    Console.WriteLine(line);
    return 0;
}
