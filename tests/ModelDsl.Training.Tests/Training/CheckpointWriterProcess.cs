using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Training.Tests.Training;

/// <summary>
/// The child process of the kill test: saves checkpoints of a model of a few MB in a loop, rotating over
/// three file names, until it is killed.
/// </summary>
internal static class CheckpointWriterProcess
{
    public static Sequential Model() => nn.Sequential(nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10));

    public static int Run(string dir)
    {
        using var model = Model();
        using var trainer = new Trainer(model, "adam", "mse");
        for (var i = 0; ; i++)
        {
            trainer.SaveCheckpoint(Path.Combine(dir, $"ckpt-{i % 3}.pt"), i);
            if (i == 0) File.WriteAllText(Path.Combine(dir, "started"), "");
        }
    }
}
