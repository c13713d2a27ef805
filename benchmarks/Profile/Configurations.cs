namespace ModelDsl.Benchmarks.Profile;

/// <summary>The profiled configurations and the names shared by the child and parent processes.</summary>
internal static class Configurations
{
    public const string ModelDsl = "modeldsl";
    public const string UnfusedInputBlock = "modeldsl-unfused-input-block";
    public const string KernelsOff = "modeldsl-kernels-off";
    public const string HandWritten = "torchsharp";

    public const string WholeStepRow = "whole step, no probes";
    public const string FaultsStat = "minor page faults per step";
    public const string GcPauseStat = "GC pause ms per step";
    public const string Gen0Stat = "gen0 GCs per 1,000 steps";

    /// <summary>In table order: as the Trainer trains today, with the input block as two kernels, without kernels, baseline.</summary>
    public static readonly string[] All = [ModelDsl, UnfusedInputBlock, KernelsOff, HandWritten];

    public static string Title(string config) => config switch
    {
        ModelDsl => "ModelDsl (fused input block)",
        UnfusedInputBlock => "ModelDsl, input conv and relu + pool as two kernels",
        KernelsOff => "ModelDsl, `MDSL_KERNELS=off` (before)",
        _ => "hand-written TorchSharp",
    };

    /// <summary>Environment of the child process: the kernels switch is read once, at start-up.</summary>
    public static IEnumerable<(string Name, string Value)> Environment(string config)
    {
        if (config == KernelsOff) yield return ("MDSL_KERNELS", "off");
    }
}
