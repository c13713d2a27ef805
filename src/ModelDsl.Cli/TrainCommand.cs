using System.CommandLine;
using ModelDsl.Distributed;

namespace ModelDsl.Cli;

/// <summary>
/// <c>modeldsl train FILE --data DIR [--model NAME] [--epochs N] [--batch-size N] [--out DIR] [--set name=value] [--limit N] [--seed N]</c>.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The .mdsl file (or zoo:NAME) declaring the model." };
        var data = new Option<string>("--data", "-d")
        {
            Description = "IDX data directory (MNIST/Fashion-MNIST file names, raw or .gz).", HelpName = "DIR",
            DefaultValueFactory = _ => Training.Data.MnistDataSet.DebianFashionMnistDirectory,
        };
        var model = new Option<string?>("--model", "-m") { HelpName = "NAME", Description = "The model to train (default: the first in the file)." };
        var epochs = PositiveOption("--epochs", "Epochs to train.", 5);
        var batchSize = PositiveOption("--batch-size", "Examples per step.", 64);
        var limit = new Option<int?>("--limit") { HelpName = "N", Description = "Train on the first N training images only (quick runs)." };
        limit.Validators.Add(r =>
        {
            if (r.GetValue(limit) is < 1) r.AddError("--limit must be a positive whole number.");
        });
        var seed = new Option<int>("--seed") { HelpName = "N", Description = "Weight-initialisation and shuffle seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out", "-o") { HelpName = "DIR", Description = "Where best.pt, last.pt, history.csv and report.html go (default runs/<timestamp>)." };
        var set = new Option<string[]>("--set") { HelpName = "name=value", Description = "Override a model parameter, e.g. --set classes=10.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("train",
            "Train a spec'd model on an IDX data directory (RMSprop, categorical cross-entropy) and print its test accuracy last.")
        {
            file, data, model, epochs, batchSize, limit, seed, output, set,
        };
        // Under `mpiexec -n N` every process runs the command and they train data-parallel (src/ModelDsl.Distributed).
        command.SetAction(result => MpiDataParallel.IsLaunchedByMpiexec
            ? MpiDataParallel.Run(mpi => new TrainRun(stdout, stderr, mpi).Execute(Settings(result)))
            : new TrainRun(stdout, stderr).Execute(Settings(result)));
        return command;

        TrainSettings Settings(ParseResult result) => new()
        {
            SpecPath = result.GetValue(file)!,
            DataDirectory = result.GetValue(data)!,
            ModelName = result.GetValue(model),
            Epochs = result.GetValue(epochs),
            BatchSize = result.GetValue(batchSize),
            Limit = result.GetValue(limit),
            Seed = result.GetValue(seed),
            OutputDirectory = result.GetValue(output),
            Overrides = result.GetValue(set) ?? [],
        };
    }

    private static Option<int> PositiveOption(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { HelpName = "N", Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (r.GetValue(option) < 1) r.AddError($"{name} must be a positive whole number.");
        });
        return option;
    }
}
