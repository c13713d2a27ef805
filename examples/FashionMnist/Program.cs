using System.Globalization;
using FashionMnist;
using ModelDsl.Distributed;
using ModelDsl.Runtime;
using ModelDsl.Training;
using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Data;
using ModelDsl.Training.Reports;
using TorchSharp;

// The main job: Chollet's convnet (the seed notebook) on Fashion-MNIST with the seed's compile/fit settings.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(Options.Usage);
    return 0;
}
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

// Under `mpiexec -n N` every process runs this program and they train data-parallel (see src/ModelDsl.Distributed).
return MpiDataParallel.IsLaunchedByMpiexec ? MpiDataParallel.Run(mpi => Guarded(options, mpi)) : Guarded(options, null);

static int Guarded(Options options, MpiDataParallel? mpi)
{
    try
    {
        return Run(options, mpi);
    }
    catch (Exception e) when (e is InvalidDataException or IOException or HttpRequestException or NonFiniteLossException
        or TorchSharpLoadException or ArgumentException or UnauthorizedAccessException or DataParallelException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
}

static int Run(Options options, MpiDataParallel? mpi)
{
    // Only rank 0 of a data-parallel run prints, writes files and tests; the others train and stop.
    var log = mpi is null || mpi.Rank == 0 ? Console.Out : TextWriter.Null;
    var dataDirectory = LocateData(options.DataDirectory, log);
    log.WriteLine($"Loading {dataDirectory} ...");
    var data = MnistDataSet.Load(dataDirectory, TargetEncoding.OneHot, MnistDataSet.FashionMnistClassNames);
    var all = options.TrainLimit is { } limit ? data.Train.Take(limit) : data.Train;
    // Keras's validation_split: the last fraction of the training images, before any shuffling.
    var validationCount = (int)(all.Count * options.ValidationSplit);
    IDataset train = validationCount > 0 ? new SubsetDataset(all, 0, all.Count - validationCount) : all;
    IDataset validation = validationCount > 0 ? new SubsetDataset(all, all.Count - validationCount, validationCount) : data.Test;
    log.WriteLine($"{train.Count:N0} training, {(validationCount > 0 ? $"{validationCount:N0} validation and " : "")}{data.Test.Count:N0} test images of {data.Train.Height}x{data.Train.Width}, classes: {string.Join(", ", data.ClassNames)}");

    var outDir = options.OutputDirectory
        ?? (options.Resume is not null ? Path.GetDirectoryName(Path.GetFullPath(options.Resume))! : Path.Combine("runs", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
    if (mpi is not { Rank: not 0 }) Directory.CreateDirectory(outDir);

    torch.manual_seed(options.Seed);
    using var model = new FashionConvNet();
    log.WriteLine();
    log.WriteLine(FashionConvNet.SummaryText); // computed at compile time by the generator
    log.WriteLine();

    // model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
    using var trainer = new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy") { DataParallel = mpi };
    log.WriteLine(trainer.TrainsOnLogits
        ? "Loss: categorical cross-entropy on the logits before the softmax (log-softmax + NLL, stable)."
        : "Loss: categorical cross-entropy on clipped probabilities (the model exposes no logits).");
    var initialEpoch = 0;
    if (options.Resume is not null)
    {
        initialEpoch = trainer.LoadCheckpoint(options.Resume);
        log.WriteLine($"Resumed from {options.Resume}: continuing at epoch {initialEpoch + 1}.");
    }

    var best = new ModelCheckpoint(Path.Combine(outDir, "best.pt"), monitor: "val_accuracy", saveBestOnly: true);
    var callbacks = new Callback[]
    {
        best,
        new ModelCheckpoint(Path.Combine(outDir, "last.pt"), monitor: "val_accuracy"),
        new CsvLogger(Path.Combine(outDir, "history.csv"), append: initialEpoch > 0),
        new TerminateOnNaN(),
    };

    // model.fit(train_images, train_labels, epochs=5, batch_size=64, validation_split=0.1): the held-out images
    // (or, with --validation-split 0, the test set) are evaluated after each epoch for the report's curves.
    var history = trainer.Fit(train, epochs: options.Epochs, batchSize: options.BatchSize, validationData: validation,
        seed: options.Seed, initialEpoch: initialEpoch, callbacks: callbacks, verbose: 1);
    if (mpi is { Rank: not 0 }) return 0;

    if (validationCount > 0 && best.BestPath is not null)
    {
        // EarlyStopping(restore_best_weights=True): the epoch chosen on held-out training images, never on the test set.
        trainer.LoadCheckpoint(best.BestPath);
        log.WriteLine($"Restored epoch {best.BestEpoch + 1} (best val_accuracy {best.Best:F4}) before testing.");
    }
    var test = trainer.Evaluate(data.Test, batchSize: 500);
    var confusion = trainer.ConfusionMatrix(data.Test, data.ClassNames, batchSize: 500);
    var reportPath = Path.Combine(outDir, "report.html");
    new HtmlReport
    {
        Title = $"Seed convnet on {Path.GetFileName(Path.TrimEndingDirectorySeparator(dataDirectory))}",
        History = history,
        Confusion = confusion,
        FinalMetrics = new Dictionary<string, double> { ["test_loss"] = test["loss"], ["test_accuracy"] = test["accuracy"] },
        ModelSummary = FashionConvNet.SummaryText,
    }.Save(reportPath);

    log.WriteLine();
    if (best.BestPath is not null) log.WriteLine($"Best checkpoint: {best.BestPath} (epoch {best.BestEpoch + 1}, val_accuracy {best.Best:F4})");
    log.WriteLine($"Report: {reportPath}");
    log.WriteLine($"Test loss: {test["loss"]:F4}");
    log.WriteLine($"Test accuracy: {test["accuracy"]:F4}");
    return 0;
}

// --data wins; else Debian's package (installed here when running as root); else Keras's files, downloaded
// once into the per-user cache and checked by SHA-256.
static string LocateData(string? dataDirectory, TextWriter log)
{
    if (dataDirectory is null && !Directory.Exists(MnistDataSet.DebianFashionMnistDirectory)) DebianPackage.TryInstall(log);
    var lastPercent = -1;
    var source = new FashionMnistSource
    {
        Progress = p =>
        {
            var percent = p.TotalBytes is > 0 ? (int)(100 * p.BytesReceived / p.TotalBytes.Value) : -1;
            if (percent == lastPercent || percent % 10 != 0) return;
            lastPercent = percent;
            log.WriteLine($"  {p.FileName}: {percent}% of {p.TotalBytes / 1024 / 1024.0:F1} MB");
        },
    };
    return ModelDsl.Training.Data.FashionMnist.Locate(dataDirectory, source);
}
