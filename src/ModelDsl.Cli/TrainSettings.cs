namespace ModelDsl.Cli;

/// <summary>What <c>modeldsl train</c> was asked to do, after parsing.</summary>
internal sealed record TrainSettings
{
    public required string SpecPath { get; init; }

    public required string DataDirectory { get; init; }

    public string? ModelName { get; init; }

    public int Epochs { get; init; } = 5;

    public int BatchSize { get; init; } = 64;

    public int? Limit { get; init; }

    public int Seed { get; init; } = 1;

    public string? OutputDirectory { get; init; }

    public IReadOnlyList<string> Overrides { get; init; } = [];
}
