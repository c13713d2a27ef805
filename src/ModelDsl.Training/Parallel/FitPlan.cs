namespace ModelDsl.Training.Parallel;

/// <summary>The settings of one fit that every process of a data-parallel fit must share.</summary>
/// <param name="TrainCount">Training examples (the whole dataset, before sharding).</param>
/// <param name="ValidationCount">Validation examples, or null when the fit has no validation data.</param>
/// <param name="BatchSize">The global batch: examples per step over all processes.</param>
/// <param name="Epochs">The epoch the fit stops before.</param>
/// <param name="InitialEpoch">The epoch the fit starts at.</param>
/// <param name="Seed">The shuffle seed.</param>
/// <param name="Shuffle">Whether each epoch is reshuffled.</param>
public sealed record FitPlan(int TrainCount, int? ValidationCount, int BatchSize, int Epochs, int InitialEpoch, int Seed, bool Shuffle);
