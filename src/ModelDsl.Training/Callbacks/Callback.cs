namespace ModelDsl.Training.Callbacks;

/// <summary>
/// A hook into a fit (Keras's <c>Callback</c>). The training loop calls the hooks in order and knows nothing
/// of what they do. Epochs and batches are 0-based.
/// </summary>
public abstract class Callback
{
    private ITrainingSession? session;

    /// <summary>The fit this callback is attached to; set before <see cref="OnTrainBegin"/>.</summary>
    /// <exception cref="InvalidOperationException">Read outside a fit.</exception>
    protected ITrainingSession Session =>
        session ?? throw new InvalidOperationException($"{GetType().Name} is not attached to a fit; hooks run only inside Trainer.Fit.");

    /// <summary>
    /// Whether this callback only writes output (files, console) and changes nothing in the fit. In a data-parallel
    /// fit such callbacks run in the process of rank 0 alone, so one process prints and writes; every other callback
    /// (stopping, learning-rate changes, yours by default) runs in every process, which keeps them in step.
    /// </summary>
    public virtual bool WritesOutput => false;

    /// <summary>Attaches the callback to <paramref name="trainingSession"/> (the trainer does this).</summary>
    public void Attach(ITrainingSession trainingSession) => session = trainingSession;

    /// <summary>Called once before the first epoch.</summary>
    public virtual void OnTrainBegin(Logs logs)
    {
    }

    /// <summary>Called once after the last epoch (also when stopped early).</summary>
    public virtual void OnTrainEnd(Logs logs)
    {
    }

    /// <summary>Called at the start of each epoch.</summary>
    public virtual void OnEpochBegin(int epoch, Logs logs)
    {
    }

    /// <summary>Called after each epoch with its training and validation values.</summary>
    public virtual void OnEpochEnd(int epoch, Logs logs)
    {
    }

    /// <summary>Called before each training batch.</summary>
    public virtual void OnBatchBegin(int batch, Logs logs)
    {
    }

    /// <summary>Called after each training batch with the running epoch averages so far.</summary>
    public virtual void OnBatchEnd(int batch, Logs logs)
    {
    }
}
