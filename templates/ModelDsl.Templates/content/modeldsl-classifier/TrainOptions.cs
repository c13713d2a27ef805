using System.Globalization;

namespace ModelDslClassifier;

/// <summary>The command line: <c>dotnet run -- [--epochs N] [--limit N] [--batch-size N] [--data DIR] [--seed N]</c>.</summary>
public sealed record TrainOptions
{
    /// <summary>Epochs when --epochs is not given.</summary>
    public const int DefaultEpochs = 5;

    /// <summary>What --help prints.</summary>
    public static readonly string Usage = $"""
        usage: dotnet run -- [--epochs N] [--limit N] [--batch-size N] [--data DIR] [--seed N]
          --epochs N      passes over the training images (default {DefaultEpochs})
          --limit N       train on the first N training images and test on at most N test images (quick runs)
          --batch-size N  images per training step (default 64)
          --data DIR      a directory holding Fashion-MNIST's four IDX files; else Debian's dataset-fashion-mnist,
                          else a verified download into ~/.modeldsl/datasets
          --seed N        the random seed (default 1)
        """;

    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; init; } = DefaultEpochs;

    /// <summary>At most this many training (and test) images, or all.</summary>
    public int? Limit { get; init; }

    /// <summary>Images per training step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>A directory holding the data, or null to find or download it.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The random seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Reads the arguments.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing value or a value that is not a (positive) whole number.</exception>
    public static TrainOptions Parse(IReadOnlyList<string> args)
    {
        var options = new TrainOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, Value()) },
                "--limit" => options with { Limit = Positive(name, Value()) },
                "--batch-size" => options with { BatchSize = Positive(name, Value()) },
                "--data" => options with { DataDirectory = Value() },
                "--seed" => options with { Seed = Whole(name, Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        return options;
    }

    private static int Positive(string name, string text) =>
        Whole(name, text) is var value && value > 0 ? value : throw new ArgumentException($"{name} must be positive, got '{text}'.");

    private static int Whole(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} must be a whole number, got '{text}'.");
}
