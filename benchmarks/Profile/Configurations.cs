namespace ModelDsl.Benchmarks.Profile;

/// <summary>The three profiled configurations and the names shared by the child and parent processes.</summary>
internal static class Configurations
{
    public const string ModelDsl = "modeldsl";
    public const string OwnRmsProp = "modeldsl-fused-rmsprop";
    public const string KernelsOff = "modeldsl-kernels-off";
    public const string HandWritten = "torchsharp";

    public const string WholeStepRow = "whole step, no probes";
    public const string FaultsStat = "minor page faults per step";
    public const string GcPauseStat = "GC pause ms per step";
    public const string Gen0Stat = "gen0 GCs per 1,000 steps";

    /// <summary>In table order: with ModelDsl's RMSProp, as the Trainer trains today, before the kernels, baseline.</summary>
    public static readonly string[] All = [OwnRmsProp, ModelDsl, KernelsOff, HandWritten];

    public static string Title(string config) => config switch
    {
        OwnRmsProp => "ModelDsl, kernels + ModelDsl's RMSProp",
        ModelDsl => "ModelDsl, kernels + TorchSharp's RMSProp",
        KernelsOff => "ModelDsl, `MDSL_KERNELS=off` (before)",
        _ => "hand-written TorchSharp",
    };

    /// <summary>Environment of the child process: the kernels switch is read once, at start-up.</summary>
    public static IEnumerable<(string Name, string Value)> Environment(string config)
    {
        if (config == KernelsOff) yield return ("MDSL_KERNELS", "off");
    }
}
