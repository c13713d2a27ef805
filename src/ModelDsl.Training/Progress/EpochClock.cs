using System.Diagnostics;
using System.Globalization;

namespace ModelDsl.Training.Progress;

/// <summary>Times an epoch and formats durations the way Keras's progress output does.</summary>
internal sealed class EpochClock
{
    private readonly Stopwatch watch = new();

    public void Restart() => watch.Restart();

    public TimeSpan Elapsed => watch.Elapsed;

    /// <summary>Estimated time left after <paramref name="done"/> of <paramref name="total"/> steps.</summary>
    public TimeSpan Remaining(int done, int total) =>
        done <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(watch.Elapsed.Ticks / done * Math.Max(total - done, 0));

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}:{t.Seconds:00}"
        : $"{t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}s";

    public static string PerStep(TimeSpan t, int steps) =>
        steps <= 0 ? "" : $"{(t.TotalMilliseconds / steps).ToString("0", CultureInfo.InvariantCulture)}ms/step";
}
