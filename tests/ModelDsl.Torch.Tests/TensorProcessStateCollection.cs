namespace ModelDsl.Torch.Tests;

/// <summary>
/// Tests that set or depend on process-wide libtorch state (the global random generator, the thread
/// count, RSS) run in this collection, alone: xunit runs non-parallel collections after the rest.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TensorProcessStateCollection
{
    public const string Name = "libtorch process state";
}
