using System.Globalization;

namespace FashionMnist;

/// <summary>Command-line options of the main job; every one has the seed's default.</summary>
internal sealed record Options
{
    public int Epochs { get; init; } = 5;

    public int BatchSize { get; init; } = 64;

    /// <summary>The directory the user named with --data; null finds or fetches Fashion-MNIST.</summary>
    public string? DataDirectory { get; init; }

    public string? Resume { get; init; }

    public string? OutputDirectory { get; init; }

    public int? TrainLimit { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>The last fraction of the training images held out to choose the best epoch (Keras's validation_split).</summary>
    public double ValidationSplit { get; init; } = 0.1;

    public const string Usage = """
        Trains the seed convnet on an MNIST-layout IDX directory (default: Debian's Fashion-MNIST).

        Options:
          --epochs N         epochs to train up to (default 5)
          --batch-size N     examples per step (default 64)
          --data DIR         directory with train-/t10k- images and labels IDX files (raw or .gz);
                             default: Debian's dataset-fashion-mnist (installed when run as root),
                             else Keras's download into ~/.modeldsl/datasets, checked by SHA-256
          --resume FILE      continue from a checkpoint written by an earlier run (model, optimizer, epoch)
          --out DIR          where the checkpoints, history.csv and report.html go (default runs/<timestamp>)
          --train-limit N    train on the first N training images only (quick runs)
          --seed N           weight-initialisation and shuffle seed (default 1)
          --validation-split F
                             hold out the last fraction F of the training images (default 0.1, as Keras's
                             validation_split) to pick the best epoch, whose weights are restored before
                             the test set is evaluated once; 0 = the seed's recipe (test set as validation
                             data, last epoch's weights)
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number()
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n : throw new ArgumentException($"{name} needs a positive whole number, got '{text}'.");
            }
            double Fraction()
            {
                var name = args[i];
                var text = Value();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f >= 0 && f < 1
                    ? f : throw new ArgumentException($"{name} needs a fraction in [0, 1), got '{text}'.");
            }
            options = args[i] switch
            {
                "--epochs" => options with { Epochs = Number() },
                "--batch-size" => options with { BatchSize = Number() },
                "--data" => options with { DataDirectory = Value() },
                "--resume" => options with { Resume = Value() },
                "--out" => options with { OutputDirectory = Value() },
                "--train-limit" => options with { TrainLimit = Number() },
                "--seed" => options with { Seed = Number() },
                "--validation-split" => options with { ValidationSplit = Fraction() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return options;
    }
}
