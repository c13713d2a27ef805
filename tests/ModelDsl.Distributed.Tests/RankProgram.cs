using System.Globalization;
using ModelDsl.Training;
using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Distributed.Tests;

/// <summary>
/// What one rank does in each scenario of <see cref="DataParallelFitTests"/> and <see cref="FaultTests"/>. Results go
/// to files in the scenario's directory, named by rank, for the test to compare.
/// </summary>
internal static class RankProgram
{
    public const int Examples = 96;
    public const int GlobalBatch = 12;
    public const int ShuffleSeed = 3;

    public static int Run(string scenario, string dir, string[] rest)
    {
        torch.set_num_threads(1);
        return MpiDataParallel.Run(mpi => scenario switch
        {
            "equal" => Equal(mpi, dir),
            "resume-full" => Resume(mpi, dir, resume: false),
            "resume-rest" => Resume(mpi, dir, resume: true),
            "throw" => Throw(mpi, dir),
            "slow" => Slow(mpi, dir),
            "mismatch-model" => Mismatch(mpi, dir, hidden: mpi.Rank == 1 ? 11 : 10, examples: Examples),
            "mismatch-data" => Mismatch(mpi, dir, hidden: 10, examples: mpi.Rank == 1 ? Examples - 1 : Examples),
            "fashion" => Fashion(mpi, dir, int.Parse(rest[0], CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"Unknown scenario '{scenario}'."),
        }, new MpiDataParallelOptions { CollectiveTimeout = TimeSpan.FromSeconds(60) });
    }

    /// <summary>A small conv net (conv, ReLU, flatten, dense) on 1x8x8 inputs, 10 classes, initialised from <paramref name="seed"/>.</summary>
    public static nn.Module<Tensor, Tensor> Model(long seed, int hidden = 10)
    {
        torch.manual_seed(seed);
        return nn.Sequential(
            ("conv", nn.Conv2d(1, 4, 3)), ("relu", nn.ReLU()), ("flatten", nn.Flatten()),
            ("dense", nn.Linear(4 * 6 * 6, hidden)), ("relu2", nn.ReLU()), ("out", nn.Linear(hidden, 10)));
    }

    /// <summary>Seeded random images with a learnable label (the brightest quadrant-ish), the same in every process.</summary>
    public static RecordingDataset Data(int count)
    {
        var generator = new torch.Generator(7);
        var inputs = torch.rand([count, 1, 8, 8], generator: generator);
        var targets = inputs.sum([1, 2]).argmax(1).remainder(10).to(ScalarType.Int64);
        return new RecordingDataset(new TensorDataset(inputs, targets));
    }

    public static Trainer NewTrainer(nn.Module<Tensor, Tensor> model) =>
        new(model, torch.optim.Adam(model.parameters(), lr: 0.01), new SparseCategoricalCrossEntropy(fromLogits: true), new Accuracy());

    private static int Equal(MpiDataParallel mpi, string dir)
    {
        // Each rank initialises differently: equal weights afterwards prove rank 0's were broadcast.
        using var model = Model(seed: 100 + mpi.Rank);
        var data = Data(Examples);
        var validation = Data(30);
        using var trainer = NewTrainer(model);
        trainer.DataParallel = mpi;
        var history = trainer.Fit(data, epochs: 1, batchSize: GlobalBatch, validationData: validation, seed: ShuffleSeed, verbose: 0,
            callbacks: [new CsvLogger(Path.Combine(dir, $"history-rank{mpi.Rank}.csv"))]);
        File.WriteAllBytes(Path.Combine(dir, $"weights-rank{mpi.Rank}.bin"), Weights(model));
        File.WriteAllLines(Path.Combine(dir, $"indices-rank{mpi.Rank}.txt"), data.Seen.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        File.WriteAllLines(Path.Combine(dir, $"logs-rank{mpi.Rank}.txt"),
            history.Keys.Select(k => k + "=" + history[k][0].ToString("R", CultureInfo.InvariantCulture)));
        if (mpi.Rank == 0)
        {
            // The same fit in one process with the same global batch: the reference the ranks must match.
            using var single = Model(seed: 100);
            using var alone = NewTrainer(single);
            alone.Fit(Data(Examples), epochs: 1, batchSize: GlobalBatch, seed: ShuffleSeed, verbose: 0);
            File.WriteAllBytes(Path.Combine(dir, "weights-single.bin"), Weights(single));
        }
        return 0;
    }

    private static int Resume(MpiDataParallel mpi, string dir, bool resume)
    {
        using var model = Model(seed: 100);
        using var trainer = NewTrainer(model);
        trainer.DataParallel = mpi;
        var initialEpoch = resume ? trainer.LoadCheckpoint(Path.Combine(dir, "ckpt-1.pt")) : 0;
        trainer.Fit(Data(Examples), epochs: 2, batchSize: GlobalBatch, seed: ShuffleSeed, initialEpoch: initialEpoch, verbose: 0,
            callbacks: [new ModelCheckpoint(Path.Combine(dir, "ckpt-{epoch}.pt"), monitor: "loss")]);
        File.WriteAllBytes(Path.Combine(dir, $"{(resume ? "resumed" : "full")}-rank{mpi.Rank}.bin"), Weights(model));
        return 0;
    }

    private static int Throw(MpiDataParallel mpi, string dir)
    {
        using var model = Model(seed: 100);
        using var trainer = NewTrainer(model);
        trainer.DataParallel = mpi;
        var fail = new LambdaCallback(onBatchEnd: (batch, _) =>
        {
            if (mpi.Rank == 1 && batch == 3) throw new InvalidOperationException("injected failure in rank 1's callback");
        });
        trainer.Fit(Data(Examples), epochs: 50, batchSize: GlobalBatch, seed: ShuffleSeed, verbose: 0, callbacks: [fail]);
        return 0;
    }

    private static int Slow(MpiDataParallel mpi, string dir)
    {
        using var model = Model(seed: 100);
        using var trainer = NewTrainer(model);
        trainer.DataParallel = mpi;
        var pace = new LambdaCallback(onBatchEnd: (batch, _) =>
        {
            Console.Out.WriteLine($"rank {mpi.Rank} step {batch}");
            Console.Out.Flush();
            Thread.Sleep(100);
        });
        trainer.Fit(Data(Examples), epochs: 1000, batchSize: GlobalBatch, seed: ShuffleSeed, verbose: 0, callbacks: [pace]);
        return 0;
    }

    private static int Mismatch(MpiDataParallel mpi, string dir, int hidden, int examples)
    {
        using var model = Model(seed: 100, hidden: hidden);
        using var trainer = NewTrainer(model);
        trainer.DataParallel = mpi;
        trainer.Fit(Data(examples), epochs: 1, batchSize: GlobalBatch, seed: ShuffleSeed, verbose: 0);
        return 0;
    }

    private static int Fashion(MpiDataParallel mpi, string dir, int trainCount)
    {
        var data = MnistDataSet.Load(MnistDataSet.DebianFashionMnistDirectory);
        torch.manual_seed(1);
        using var model = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10));
        using var trainer = new Trainer(model, torch.optim.RMSProp(model.parameters(), lr: 1e-3), new SparseCategoricalCrossEntropy(fromLogits: true), new Accuracy());
        trainer.DataParallel = mpi;
        var history = trainer.Fit(data.Train.Take(trainCount), epochs: 1, batchSize: 64, validationData: data.Test.Take(2000), seed: 1, verbose: 0);
        File.WriteAllText(Path.Combine(dir, $"val-accuracy-rank{mpi.Rank}.txt"),
            history["val_accuracy"][0].ToString("R", CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>The raw bytes of every parameter, in order.</summary>
    public static byte[] Weights(nn.Module<Tensor, Tensor> model)
    {
        using var stream = new MemoryStream();
        foreach (var p in model.parameters()) stream.Write(p.detach().contiguous().bytes);
        return stream.ToArray();
    }
}

/// <summary>A dataset that remembers which examples it was asked for (the shard a rank visited).</summary>
internal sealed class RecordingDataset(IDataset inner) : IDataset
{
    private readonly List<int> seen = [];

    public IReadOnlyList<int> Seen
    {
        get
        {
            lock (seen) return [.. seen];
        }
    }

    public int Count => inner.Count;

    public Batch GetBatch(ReadOnlySpan<int> indices)
    {
        lock (seen) seen.AddRange(indices.ToArray());
        return inner.GetBatch(indices);
    }
}
