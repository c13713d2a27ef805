using ModelDsl.Training.Callbacks;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelDsl.Training.Progress;

/// <summary>
/// A Keras-like live progress bar per epoch drawn with Spectre.Console:
/// <c>412/938 [=============&gt;......] - ETA: 21s - loss: 0.4211 - accuracy: 0.8470</c>.
/// </summary>
/// <remarks>
/// Spectre's live display owns its render loop, so it runs on a background thread for the length of an
/// epoch and reads a snapshot the training thread publishes after each batch; the training thread never
/// waits on the console.
/// </remarks>
public sealed class LiveProgressBar : Callback
{
    private const int BarWidth = 30;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    private readonly IAnsiConsole console;
    private readonly EpochClock clock = new();
    private volatile string line = "";
    private Thread? renderer;
    private ManualResetEventSlim? epochDone;
    private int stepsDone;

    /// <summary>Draws on <paramref name="console"/> (default: the process console).</summary>
    public LiveProgressBar(IAnsiConsole? console = null) => this.console = console ?? AnsiConsole.Console;

    /// <inheritdoc />
    public override bool WritesOutput => true;

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        console.MarkupLine($"[bold]Epoch {epoch + 1}/{Session.Epochs}[/]");
        stepsDone = 0;
        clock.Restart();
        line = Render(0, new Logs(), final: false);
        var done = epochDone = new ManualResetEventSlim();
        renderer = new Thread(() => RenderLoop(done)) { IsBackground = true, Name = "progress" };
        renderer.Start();
    }

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, Logs logs)
    {
        stepsDone = batch + 1;
        line = Render(stepsDone, logs, final: false);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        line = Render(stepsDone, logs, final: true);
        StopRenderer();
    }

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs) => StopRenderer();

    private void StopRenderer()
    {
        epochDone?.Set();
        renderer?.Join();
        epochDone?.Dispose();
        epochDone = null;
        renderer = null;
    }

    private void RenderLoop(ManualResetEventSlim done)
    {
        console.Live(Text(line)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(ctx =>
        {
            var shown = line;
            while (!done.Wait(RefreshInterval))
            {
                // Redraw only on change: a validation pass can take seconds with nothing new to show.
                var current = line;
                if (ReferenceEquals(current, shown)) continue;
                ctx.UpdateTarget(Text(current));
                shown = current;
            }
            ctx.UpdateTarget(Text(line));
        });
    }

    private static IRenderable Text(string markup) => new Markup(markup);

    private string Render(int done, Logs logs, bool final)
    {
        var total = Math.Max(Session.StepsPerEpoch, 1);
        var filled = (int)((long)BarWidth * Math.Min(done, total) / total);
        var bar = done >= total
            ? new string('=', BarWidth)
            : new string('=', filled) + ">" + new string('.', BarWidth - filled - 1);
        var width = total.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var time = final
            ? $"{EpochClock.Duration(clock.Elapsed)} {EpochClock.PerStep(clock.Elapsed, done)}"
            : $"ETA: {EpochClock.Duration(clock.Remaining(done, total))}";
        var values = logs.Count == 0 ? "" : " - " + logs.Format();
        return Markup.Escape($"{done.ToString().PadLeft(width)}/{total} [{bar}] - {time}{values}");
    }
}
