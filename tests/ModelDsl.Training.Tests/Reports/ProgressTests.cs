using ModelDsl.Training.Progress;
using ModelDsl.Training.Tests.Callbacks;
using Spectre.Console;

namespace ModelDsl.Training.Tests.Reports;

public sealed class ProgressTests
{
    [Fact]
    public void Epoch_line_logger_prints_one_line_per_epoch_with_steps_and_values()
    {
        var writer = new StringWriter();
        var session = new ScriptedSession { Epochs = 2, StepsPerEpoch = 3 };
        var logger = new EpochLineLogger(writer);
        logger.Attach(session);
        for (var epoch = 0; epoch < 2; epoch++)
        {
            logger.OnEpochBegin(epoch, new Logs());
            for (var b = 0; b < 3; b++) logger.OnBatchEnd(b, new Logs { ["loss"] = 1 });
            logger.OnEpochEnd(epoch, new Logs { ["loss"] = 0.25, ["accuracy"] = 0.9 });
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^Epoch 2/2 - 3/3 - \d+s \d+ms/step - loss: 0\.2500 - accuracy: 0\.9000", lines[1]);
    }

    [Fact]
    public void Live_bar_ends_each_epoch_with_a_full_bar_and_the_values()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 200;
        var session = new ScriptedSession { Epochs = 1, StepsPerEpoch = 4 };
        var bar = new LiveProgressBar(console);
        bar.Attach(session);
        bar.OnEpochBegin(0, new Logs());
        for (var b = 0; b < 4; b++)
        {
            bar.OnBatchEnd(b, new Logs { ["loss"] = 1.0 / (b + 1) });
            Thread.Sleep(30);
        }
        bar.OnEpochEnd(0, new Logs { ["loss"] = 0.25, ["accuracy"] = 0.5 });
        bar.OnTrainEnd(new Logs());

        var output = writer.ToString();
        Assert.Contains("Epoch 1/1", output);
        Assert.Contains("4/4 [==============================]", output);
        Assert.Contains("loss: 0.2500 - accuracy: 0.5000", output);
    }
}
