namespace ModelDsl.Training.Callbacks;

/// <summary>A callback made of delegates, for one-off hooks (Keras's <c>LambdaCallback</c>).</summary>
/// <param name="onEpochBegin">Called with (epoch, logs) at each epoch start.</param>
/// <param name="onEpochEnd">Called with (epoch, logs) at each epoch end.</param>
/// <param name="onBatchEnd">Called with (batch, logs) after each batch.</param>
/// <param name="onTrainEnd">Called with the final logs at the end of the fit.</param>
public sealed class LambdaCallback(
    Action<int, Logs>? onEpochBegin = null,
    Action<int, Logs>? onEpochEnd = null,
    Action<int, Logs>? onBatchEnd = null,
    Action<Logs>? onTrainEnd = null) : Callback
{
    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs) => onEpochBegin?.Invoke(epoch, logs);

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs) => onEpochEnd?.Invoke(epoch, logs);

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, Logs logs) => onBatchEnd?.Invoke(batch, logs);

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs) => onTrainEnd?.Invoke(logs);
}
