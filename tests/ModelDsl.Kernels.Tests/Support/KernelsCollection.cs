namespace ModelDsl.Kernels.Tests.Support;

/// <summary>
/// Kernel tests share <c>FusedKernels.Enabled</c> (process state) and two cores: they run one at a time, so a test
/// that turns the kernels off cannot make another silently test the fallback.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelsCollection
{
    public const string Name = "Kernels";
}
