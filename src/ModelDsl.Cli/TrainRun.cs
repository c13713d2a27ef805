using System.Globalization;
using System.Runtime.InteropServices;
using ModelDsl.Distributed;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Summary;
using ModelDsl.Runtime;
using ModelDsl.Runtime.Spec;
using ModelDsl.Training;
using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Data;
using ModelDsl.Training.Progress;
using ModelDsl.Training.Reports;
using TorchSharp;

namespace ModelDsl.Cli;

/// <summary>
/// One <c>modeldsl train</c> run: the main job's recipe (RMSprop, categorical cross-entropy, accuracy, test set
/// as validation, best and last checkpoints, CSV history, HTML report) applied to a model built from a spec.
/// </summary>
/// <remarks>In a data-parallel run (<paramref name="mpi"/> set) only rank 0 prints, writes files and tests the model.</remarks>
internal sealed class TrainRun(TextWriter stdout, TextWriter stderr, MpiDataParallel? mpi = null)
{
    private readonly TextWriter stdout = mpi is null || mpi.Rank == 0 ? stdout : TextWriter.Null;

    public int Execute(TrainSettings settings)
    {
        var compilation = SpecLoader.Load(settings.SpecPath, settings.ModelName, settings.Overrides, stderr, out var exitCode);
        if (compilation is null) return exitCode;
        try
        {
            return Train(settings, compilation);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NonFiniteLossException
            or SpecModelException or ExternalException or TorchSharpLoadException or ArgumentException or InvalidOperationException
            or DataParallelException)
        {
            stderr.WriteLine("modeldsl: error: " + ErrorText.Of(e));
            return ExitCodes.For(e);
        }
    }

    private int Train(TrainSettings settings, ModelCompilation compilation)
    {
        stdout.WriteLine($"Loading {settings.DataDirectory} ...");
        var data = MnistDataSet.Load(settings.DataDirectory, TargetEncoding.OneHot);
        if (ShapeProblem(compilation, data, settings.DataDirectory) is { } problem)
        {
            stderr.WriteLine(settings.SpecPath + ": error: " + problem);
            return CliApp.SpecErrors;
        }
        var train = settings.Limit is { } limit ? data.Train.Take(limit) : data.Train;
        stdout.WriteLine($"{train.Count:N0} training and {data.Test.Count:N0} test images of {data.Train.Height}x{data.Train.Width}, {data.ClassNames.Count} classes");

        var outDir = settings.OutputDirectory ?? Path.Combine("runs", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        if (mpi is not { Rank: not 0 }) RequireWritable(outDir);

        torch.manual_seed(settings.Seed);
        using var model = new SpecModule(compilation);
        var summaryText = KerasSummaryRenderer.Render(ModelSummary.From(compilation.Inference!));
        stdout.WriteLine();
        stdout.Write(summaryText);
        stdout.WriteLine();

        using var trainer = new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy") { DataParallel = mpi };
        var best = new ModelCheckpoint(Path.Combine(outDir, "best.pt"), monitor: "val_accuracy", saveBestOnly: true);
        var callbacks = new Callback[]
        {
            best,
            new ModelCheckpoint(Path.Combine(outDir, "last.pt"), monitor: "val_accuracy"),
            new CsvLogger(Path.Combine(outDir, "history.csv")),
            new TerminateOnNaN(),
            ProgressFor(stdout),
        };
        var history = trainer.Fit(train, epochs: settings.Epochs, batchSize: settings.BatchSize, validationData: data.Test,
            seed: settings.Seed, callbacks: callbacks, verbose: 0);
        if (mpi is { Rank: not 0 }) return CliApp.Success;

        var test = trainer.Evaluate(data.Test, batchSize: 500);
        var confusion = trainer.ConfusionMatrix(data.Test, data.ClassNames, batchSize: 500);
        var reportPath = Path.Combine(outDir, "report.html");
        new HtmlReport
        {
            Title = $"{compilation.Name} on {Path.GetFileName(Path.TrimEndingDirectorySeparator(settings.DataDirectory))}",
            History = history,
            Confusion = confusion,
            FinalMetrics = new Dictionary<string, double> { ["test_loss"] = test["loss"], ["test_accuracy"] = test["accuracy"] },
            ModelSummary = summaryText,
        }.Save(reportPath);

        stdout.WriteLine();
        if (best.BestPath is not null)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best checkpoint: {best.BestPath} (epoch {best.BestEpoch + 1}, val_accuracy {best.Best:F4})"));
        }
        stdout.WriteLine("report: " + reportPath);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test loss: {test["loss"]:F4}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {test["accuracy"]:F4}"));
        return CliApp.Success;
    }

    // The data decides the input (1 channel, H x W) and the class count; the spec must agree with both.
    private static string? ShapeProblem(ModelCompilation compilation, MnistDataSet data, string directory)
    {
        var dataShape = $"1x{data.Train.Height}x{data.Train.Width}";
        var input = compilation.Graph!.InputShape!;
        var specShape = string.Join("x", input.Dims);
        if (specShape != dataShape)
        {
            return $"model '{compilation.Name}' takes input {specShape} but the images in '{directory}' are {dataShape}";
        }
        var output = compilation.Inference!.Output?.OutputShape;
        var classes = data.ClassNames.Count;
        if (output is null || output.Rank != 1 || output.Dims[0] != classes)
        {
            var outShape = output is null ? "nothing" : "(" + string.Join(", ", output.Dims) + ")";
            return $"model '{compilation.Name}' outputs {outShape} but '{directory}' has {classes} classes; end the model with dense({classes}, softmax)";
        }
        return null;
    }

    // Checkpoints are first written after an epoch: an --out that cannot be written is found before training instead.
    private static void RequireWritable(string outDir)
    {
        var probe = Path.Combine(outDir, $".modeldsl-write-check-{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(outDir);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnauthorizedAccessException($"cannot write to --out '{outDir}': {ErrorText.Of(e)}", e);
        }
    }

    // The live bar only on a real terminal; tests and redirected output get one line per epoch on stdout.
    private static Callback ProgressFor(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected ? new LiveProgressBar() : new EpochLineLogger(writer);
}
