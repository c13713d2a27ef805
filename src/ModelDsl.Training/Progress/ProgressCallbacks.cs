using ModelDsl.Training.Callbacks;

namespace ModelDsl.Training.Progress;

/// <summary>Picks the progress display for a fit from Keras's <c>verbose</c> levels.</summary>
public static class ProgressCallbacks
{
    /// <summary>
    /// 0: nothing; 1: a live bar per epoch, or one line per epoch when standard output is redirected
    /// (a log file should not fill with redraws); 2: one line per epoch.
    /// </summary>
    public static Callback? ForVerbosity(int verbose) => verbose switch
    {
        <= 0 => null,
        1 when !Console.IsOutputRedirected => new LiveProgressBar(),
        _ => new EpochLineLogger(Console.Out),
    };
}
