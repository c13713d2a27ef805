namespace ModelDsl.Training.Callbacks;

/// <summary>
/// What a callback may see and change of the fit it is attached to. The trainer implements it; callbacks
/// know nothing of tensors, so each one is a small object testable on its own.
/// </summary>
public interface ITrainingSession
{
    /// <summary>The epoch count the fit runs up to (exclusive, 0-based epochs).</summary>
    int Epochs { get; }

    /// <summary>Batches per training epoch.</summary>
    int StepsPerEpoch { get; }

    /// <summary>This process's rank in a data-parallel fit (0 when training alone).</summary>
    int Rank => 0;

    /// <summary>How many processes train together (1 when training alone).</summary>
    int WorldSize => 1;

    /// <summary>
    /// Set to true to end the fit after the current batch. In a data-parallel fit the processes vote after each
    /// batch, and all stop when any one asked to.
    /// </summary>
    bool StopTraining { get; set; }

    /// <summary>The optimizer's learning rate.</summary>
    double LearningRate { get; set; }

    /// <summary>
    /// Writes model weights, optimizer state and <paramref name="epoch"/> (the last completed, 0-based) to
    /// <paramref name="path"/> atomically: readers see the old file or the new one, never a partial one.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="epoch">The last completed epoch.</param>
    /// <param name="values">Named finite numbers to restore with the checkpoint (see <see cref="ResumedValues"/>).</param>
    void SaveCheckpoint(string path, int epoch, IReadOnlyDictionary<string, double>? values = null);

    /// <summary>
    /// The values saved with the checkpoint this fit resumed from (loaded before a fit with
    /// <c>initialEpoch</c> above 0); empty for a fresh fit.
    /// </summary>
    IReadOnlyDictionary<string, double> ResumedValues { get; }

    /// <summary>Copies the current model weights; dispose the copy when done with it.</summary>
    IDisposable CaptureWeights();

    /// <summary>Copies weights taken by <see cref="CaptureWeights"/> back into the model.</summary>
    void RestoreWeights(IDisposable weights);
}
