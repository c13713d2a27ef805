namespace ModelDsl.Runtime.Tests.Support;

/// <summary>
/// Tests that read or change process-wide state (resident memory, <c>LayerInit.DefaultPolicy</c>) run alone:
/// xunit runs this collection after the parallel ones, one test at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process state";
}
