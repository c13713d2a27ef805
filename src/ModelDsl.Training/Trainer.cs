using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Data;
using ModelDsl.Training.Losses;
using ModelDsl.Training.Metrics;
using ModelDsl.Training.Parallel;
using ModelDsl.Training.Progress;
using static TorchSharp.torch;
using Optimizer = TorchSharp.torch.optim.Optimizer;

namespace ModelDsl.Training;

/// <summary>
/// Keras's <c>compile</c>/<c>fit</c>/<c>evaluate</c>/<c>predict</c> over any TorchSharp
/// <c>Module&lt;Tensor, Tensor&gt;</c> (generated models, spec-built models, a plain <c>nn.Sequential</c>, your own
/// modules) with any TorchSharp optimizer. The trainer owns every tensor it creates: each step runs in its own
/// dispose scope and batches are freed after use, so a fit cannot leak native memory whatever the callbacks do.
/// </summary>
/// <example>
/// <code>
/// using var trainer = new Trainer(model, "rmsprop", "sparse_categorical_crossentropy", "accuracy");
/// using var adam = torch.optim.Adam(model.parameters(), lr: 1e-3);
/// using var custom = new Trainer(model, adam, Loss.FromName("mse"));
/// </code>
/// </example>
public sealed partial class Trainer : IDisposable
{
    private readonly bool ownsOptimizer;
    private readonly StepRunner runner;

    /// <summary>Creates a trainer from objects.</summary>
    /// <param name="model">The module to train.</param>
    /// <param name="optimizer">Any TorchSharp optimizer over the model's parameters, e.g. <c>torch.optim.SGD(model.parameters(), 0.01)</c>
    /// (the caller keeps ownership). Checkpoints need one of TorchSharp's managed optimizers (<c>OptimizerHelper</c>).</param>
    /// <param name="loss">The objective.</param>
    /// <param name="metrics">Metrics reported beside the loss.</param>
    public Trainer(nn.Module<Tensor, Tensor> model, Optimizer optimizer, Loss loss, params Metric[] metrics)
        : this(model, optimizer, loss, metrics, ownsOptimizer: false)
    {
    }

    /// <summary>Creates a trainer from a TorchSharp optimizer and Keras names of the loss and metrics.</summary>
    /// <param name="model">The module to train.</param>
    /// <param name="optimizer">Any TorchSharp optimizer over the model's parameters (the caller keeps ownership).</param>
    /// <param name="loss">A loss name (see <see cref="Loss.FromName"/>).</param>
    /// <param name="metrics">Metric names (see <see cref="Metric.FromName"/>).</param>
    public Trainer(nn.Module<Tensor, Tensor> model, Optimizer optimizer, string loss, params string[] metrics)
        : this(model, optimizer, Loss.FromName(loss), [.. metrics.Select(Metric.FromName)], ownsOptimizer: false)
    {
    }

    /// <summary>Creates a trainer from Keras names, e.g. <c>new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy")</c>.</summary>
    /// <param name="model">The module to train.</param>
    /// <param name="optimizer">An optimizer name (see <see cref="Optimizers.FromName"/>); the trainer owns it.</param>
    /// <param name="loss">A loss name (see <see cref="Loss.FromName"/>).</param>
    /// <param name="metrics">Metric names (see <see cref="Metric.FromName"/>).</param>
    public Trainer(nn.Module<Tensor, Tensor> model, string optimizer, string loss, params string[] metrics)
        : this(model, Optimizers.FromName(optimizer, (model ?? throw new ArgumentNullException(nameof(model))).parameters()),
            Loss.FromName(loss), [.. metrics.Select(Metric.FromName)], ownsOptimizer: true)
    {
    }

    private Trainer(nn.Module<Tensor, Tensor> model, Optimizer optimizer, Loss loss, Metric[] metrics, bool ownsOptimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        var names = new HashSet<string>(StringComparer.Ordinal) { "loss" };
        foreach (var m in metrics)
        {
            if (!names.Add(m.Name)) throw new ArgumentException($"Two metrics are named '{m.Name}'; each logged name must be unique.", nameof(metrics));
        }
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
        Metrics = metrics;
        this.ownsOptimizer = ownsOptimizer;
        runner = new StepRunner(model, loss, metrics);
    }

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The TorchSharp optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The objective.</summary>
    public Loss Loss { get; }

    /// <summary>The metrics reported beside the loss.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>
    /// The first parameter group's learning rate; setting it sets every group's, as Keras's single rate does
    /// (what <see cref="LearningRateScheduler"/> and <see cref="ReduceLROnPlateau"/> use). For per-group schedules use
    /// a TorchSharp <c>lr_scheduler</c> through <see cref="TorchLRScheduler"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite rate.</exception>
    public double LearningRate
    {
        get => LearningRateGroups().First().LearningRate;
        set
        {
            if (!double.IsFinite(value) || value < 0) throw new ArgumentOutOfRangeException(nameof(value), $"A learning rate must be finite and non-negative, got {value}.");
            foreach (var g in LearningRateGroups()) g.LearningRate = value;
        }
    }

    /// <summary>
    /// Set to train data-parallel with other processes (e.g. <c>ModelDsl.Distributed</c>'s MPI implementation when
    /// started under <c>mpiexec</c>); null (the default) trains in this process alone. In a data-parallel fit,
    /// <see cref="Fit"/>'s <c>batchSize</c> is the global batch, split evenly over the processes; process 0's weights
    /// and optimizer state are copied to the others at the start; each process visits its <see cref="DataShard"/> of
    /// every epoch; gradients are averaged after each backward; epoch and validation values are over all processes;
    /// callbacks that only write output (<see cref="Callback.WritesOutput"/>: progress, CSV, checkpoints) run in
    /// process 0 alone. <see cref="Evaluate"/> called outside a fit stays local to the calling process.
    /// </summary>
    public IDataParallel? DataParallel { get; set; }

    /// <summary>Whether the loss is computed from the model's logits (a softmax-ended classifier, see <see cref="ModelDsl.Runtime.ILogitsModule"/>).</summary>
    public bool TrainsOnLogits => runner.UsesLogits;

    private IEnumerable<TorchSharp.torch.optim.ILearningRateController> LearningRateGroups() =>
        Optimizer.ParamGroups?.Any() == true
            ? Optimizer.ParamGroups
            : throw new NotSupportedException($"{Optimizer.GetType().Name} exposes no parameter groups, so its learning rate cannot be read or set.");

    /// <summary>
    /// Trains for epochs <paramref name="initialEpoch"/> .. <paramref name="epochs"/> - 1 (Keras's <c>fit</c>).
    /// </summary>
    /// <param name="train">Training examples.</param>
    /// <param name="epochs">The epoch to stop before (0-based), as in Keras.</param>
    /// <param name="batchSize">Examples per step (over all processes in a data-parallel fit, where it must be a multiple of their count).</param>
    /// <param name="validationData">Examples evaluated after each epoch (logged with a <c>val_</c> prefix).</param>
    /// <param name="validationSplit">Fraction of <paramref name="train"/>, taken from its end, used as validation data instead.</param>
    /// <param name="shuffle">Reshuffle the training examples every epoch.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="initialEpoch">The epoch to start at, to resume (see <see cref="LoadCheckpoint"/>).</param>
    /// <param name="callbacks">Hooks called during the fit.</param>
    /// <param name="verbose">0 silent, 1 live progress bar (one line per epoch when output is redirected), 2 one line per epoch.</param>
    /// <returns>The per-epoch values.</returns>
    /// <exception cref="NonFiniteLossException">A batch loss or metric was NaN or infinite (whatever the callbacks); the fit stops at
    /// that batch without ending its epoch, and the exception's <c>History</c> holds the epochs completed before it.</exception>
    public History Fit(IDataset train, int epochs = 1, int batchSize = 32, IDataset? validationData = null, double validationSplit = 0,
        bool shuffle = true, int seed = 0, int initialEpoch = 0, IEnumerable<Callback>? callbacks = null, int verbose = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(initialEpoch);
        if (validationSplit is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(validationSplit), $"validationSplit must be in [0, 1), got {validationSplit}.");
        if (validationSplit > 0 && validationData is not null) throw new ArgumentException("Pass validationData or validationSplit, not both.", nameof(validationSplit));
        if (validationSplit > 0)
        {
            // As Keras: the last fraction of the data, before any shuffling.
            var valCount = (int)(train.Count * validationSplit);
            validationData = new SubsetDataset(train, train.Count - valCount, valCount);
            train = new SubsetDataset(train, 0, train.Count - valCount);
        }
        if (train.Count == 0) throw new ArgumentException("The training data is empty.", nameof(train));

        var parallel = DataParallel;
        var world = parallel?.WorldSize ?? 1;
        if (batchSize % world != 0)
        {
            throw new ArgumentException(
                $"The batch size {batchSize} is the global batch of a data-parallel fit over {world} processes and must be a multiple of {world}.", nameof(batchSize));
        }
        var shard = parallel is null ? null : new DataShard(parallel.Rank, world);
        var loader = new DataLoader(train, batchSize / world, shuffle, seed, shard: shard);
        var session = new FitSession(this, epochs, loader.BatchCount, initialEpoch, parallel?.Rank ?? 0, world);
        var hooks = new List<Callback>(callbacks ?? []);
        if (ProgressCallbacks.ForVerbosity(verbose) is { } progress) hooks.Add(progress);
        // One process prints and writes; weights are the same everywhere, so its files describe the whole fit.
        if (session.Rank != 0) hooks.RemoveAll(c => c.WritesOutput);
        foreach (var c in hooks) c.Attach(session);
        try
        {
            parallel?.BeginFit(Model, Optimizer, new FitPlan(train.Count, validationData?.Count, batchSize, epochs, initialEpoch, seed, shuffle));
            return RunEpochs(loader, validationData, batchSize, epochs, initialEpoch, hooks, session);
        }
        catch (Exception e) when (parallel is not null)
        {
            // The other processes wait in a collective call for this one: tell them, or they wait forever.
            parallel.Fail(e);
            throw;
        }
    }

    private History RunEpochs(DataLoader loader, IDataset? validationData, int batchSize, int epochs, int initialEpoch, List<Callback> hooks, FitSession session)
    {
        var history = new History();
        var trainLogs = new Logs();
        foreach (var c in hooks) c.OnTrainBegin(trainLogs);
        try
        {
            for (var epoch = initialEpoch; epoch < epochs && !session.StopTraining; epoch++)
            {
                var logs = RunEpoch(loader, epoch, hooks, session, history);
                if (validationData is not null && !session.StopTraining)
                {
                    foreach (var (k, v) in EvaluateOver(validationData, batchSize, DataParallel)) logs["val_" + k] = v;
                }
                foreach (var c in hooks) c.OnEpochEnd(epoch, logs);
                history.Add(epoch, logs);
                trainLogs = logs;
                VoteOnStop(session);
            }
        }
        finally
        {
            Model.eval();
            foreach (var c in hooks) c.OnTrainEnd(trainLogs);
        }
        return history;
    }

    private Logs RunEpoch(DataLoader loader, int epoch, List<Callback> hooks, FitSession session, History history)
    {
        var epochLogs = new Logs();
        foreach (var c in hooks) c.OnEpochBegin(epoch, epochLogs);
        Model.train();
        runner.Reset();
        var batch = 0;
        foreach (var data in loader.Epoch(epoch))
        {
            using (data)
            {
                var batchLogs = new Logs();
                foreach (var c in hooks) c.OnBatchBegin(batch, batchLogs);
                var loss = runner.TrainStep(data, Optimizer, DataParallel);
                runner.WriteLogs(batchLogs);
                foreach (var c in hooks) c.OnBatchEnd(batch, batchLogs);
                // Thrown even when a callback (TerminateOnNaN) already stopped the fit: ending the epoch normally would
                // hand callbacks a half epoch without validation values, and they would fail with a misleading error.
                if (NonFinite(loss, batchLogs) is { } bad)
                {
                    throw new NonFiniteLossException(bad.Name, bad.Value, epoch, batch, loader.BatchCount, history);
                }
            }
            batch++;
            VoteOnStop(session);
            if (session.StopTraining) break;
        }
        if (DataParallel is { } all) runner.WriteLogs(epochLogs, all);
        else runner.WriteLogs(epochLogs);
        return epochLogs;
    }

    /// <summary>
    /// In a data-parallel fit, all processes stop when any one's callbacks asked to: a process leaving the loop
    /// alone would leave the others waiting for it in the next step's gradient exchange.
    /// </summary>
    private void VoteOnStop(FitSession session)
    {
        if (DataParallel is not { } parallel) return;
        Span<double> stop = [session.StopTraining ? 1 : 0];
        parallel.Sum(stop);
        session.StopTraining = stop[0] > 0;
    }

    /// <summary>The batch loss when it is NaN or infinite, else the first such running metric, else null.</summary>
    private static (string Name, double Value)? NonFinite(double batchLoss, Logs batchLogs)
    {
        if (!double.IsFinite(batchLoss)) return ("loss", batchLoss);
        foreach (var (name, value) in batchLogs)
        {
            if (name != "loss" && !double.IsFinite(value)) return (name, value);
        }
        return null;
    }

    /// <summary>Loss and metrics over <paramref name="data"/> in inference mode (Keras's <c>evaluate</c>), in this process alone.</summary>
    public Logs Evaluate(IDataset data, int batchSize = 32) => EvaluateOver(data, batchSize, parallel: null);

    /// <summary>Evaluation over every process's shard of <paramref name="data"/> when <paramref name="parallel"/> is set (a collective call).</summary>
    private Logs EvaluateOver(IDataset data, int batchSize, IDataParallel? parallel)
    {
        ArgumentNullException.ThrowIfNull(data);
        var wasTraining = Model.training;
        Model.eval();
        // The training metrics were logged before validation runs, so their instances can be reused here.
        var evaluator = runner;
        evaluator.Reset();
        try
        {
            var shard = parallel is null ? null : new DataShard(parallel.Rank, parallel.WorldSize, padToEqual: false);
            var plan = EvaluationPlan();
            foreach (var batch in new DataLoader(data, batchSize, shard: shard).Epoch())
            {
                using (batch) evaluator.EvalStep(batch, plan);
            }
        }
        finally
        {
            Model.train(wasTraining);
        }
        var logs = new Logs();
        if (parallel is null) evaluator.WriteLogs(logs);
        else evaluator.WriteLogs(logs, parallel);
        return logs;
    }

    /// <summary>Releases the optimizer when the trainer created it from a name.</summary>
    public void Dispose()
    {
        if (ownsOptimizer) Optimizer.Dispose();
    }
}
