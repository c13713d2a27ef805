using static TorchSharp.torch;
using Optimizer = TorchSharp.torch.optim.Optimizer;

namespace ModelDsl.Training.Parallel;

/// <summary>
/// What <see cref="Trainer.Fit"/> needs from the processes it trains with in a synchronous data-parallel fit
/// (Horovod's model): every process runs the same fit on its shard of each epoch, averages gradients with the
/// others after backward, and so applies the same update. The training library knows nothing of the transport;
/// <c>ModelDsl.Distributed</c> implements this over MPI.
/// </summary>
/// <remarks>
/// Every member except <see cref="Rank"/>, <see cref="WorldSize"/> and <see cref="Fail"/> is collective: all processes
/// call it, in the same order, or none does. The trainer guarantees that order inside a fit.
/// </remarks>
public interface IDataParallel
{
    /// <summary>This process's index among the processes, 0-based; process 0 alone prints and writes files.</summary>
    int Rank { get; }

    /// <summary>How many processes train together.</summary>
    int WorldSize { get; }

    /// <summary>
    /// Called once at the start of a fit, before any step: checks that every process trains the same model on the
    /// same data with the same settings (a mismatch is an exception naming the process and what differs, thrown on
    /// every process), then copies process 0's model state and optimizer state to the others.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="optimizer">Its optimizer.</param>
    /// <param name="plan">The fit's settings, which must agree between processes.</param>
    void BeginFit(nn.Module<Tensor, Tensor> model, Optimizer optimizer, FitPlan plan);

    /// <summary>Replaces each parameter's gradient by its average over the processes; called after backward, before the optimizer step.</summary>
    /// <param name="model">The model whose parameters' gradients are averaged.</param>
    void SynchronizeGradients(nn.Module<Tensor, Tensor> model);

    /// <summary>Replaces each value by its sum over the processes (running loss and metric totals, stop votes).</summary>
    /// <param name="values">The values, the same count on every process.</param>
    void Sum(Span<double> values);

    /// <summary>
    /// Called (not collectively) when this process's fit throws: tells the other processes, which are waiting in a
    /// collective call, so that they stop with an error naming this process instead of waiting for it forever.
    /// </summary>
    /// <param name="error">What went wrong here.</param>
    void Fail(Exception error);
}
