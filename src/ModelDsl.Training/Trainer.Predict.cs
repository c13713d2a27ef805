using ModelDsl.Runtime.Inference;
using ModelDsl.Training.Data;
using ModelDsl.Training.Reports;
using static TorchSharp.torch;

namespace ModelDsl.Training;

public sealed partial class Trainer
{
    /// <summary>
    /// Whether <see cref="Predict"/>, <see cref="PredictClasses"/> and <see cref="ConfusionMatrix"/> run the model through
    /// its inference plan (<see cref="InferencePath"/>: BatchNorm folded, activations in place, channels-last, weights
    /// prepared once and rebuilt when they change) when the model has one. Default true; set false to run the model's
    /// own <c>forward</c> in eval mode under <c>no_grad</c>. The plans can also be turned off process-wide with
    /// <see cref="InferencePath.Enabled"/> or the environment variable <c>MDSL_INFERENCE=off</c>.
    /// </summary>
    public bool UseInferencePath { get; set; } = true;

    /// <summary>The model outputs for every example, in order, shaped [N, ...] (Keras's <c>predict</c>); the caller owns the tensor.</summary>
    public Tensor Predict(IDataset data, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = new List<Tensor>();
        using var scope = NewDisposeScope();
        RunInference(data, batchSize, (forward, batch, device) => parts.Add(forward(StepRunner.On(batch.Inputs, device))));
        if (parts.Count == 0) throw new ArgumentException("Cannot predict on an empty dataset.", nameof(data));
        return cat(parts, 0).DetachFromDisposeScope();
    }

    /// <summary>The predicted class (argmax of the outputs) of every example.</summary>
    public int[] PredictClasses(IDataset data, int batchSize = 32)
    {
        using var scope = NewDisposeScope();
        using var outputs = Predict(data, batchSize);
        var shape = outputs.shape;
        if (shape.Length != 2) throw new InvalidOperationException($"Class predictions need outputs [N, classes], the model gives [{string.Join(", ", shape)}].");
        return outputs.argmax(1).data<long>().Select(c => (int)c).ToArray();
    }

    /// <summary>Counts true against predicted classes over a labelled dataset.</summary>
    /// <param name="data">Examples whose targets are class indices or one-hot rows.</param>
    /// <param name="classNames">One name per class.</param>
    /// <param name="batchSize">Examples per forward pass.</param>
    public ConfusionMatrix ConfusionMatrix(IDataset data, IReadOnlyList<string> classNames, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(data);
        var matrix = new ConfusionMatrix(classNames);
        RunInference(data, batchSize, (forward, batch, device) =>
        {
            using var scope = NewDisposeScope();
            var predicted = forward(StepRunner.On(batch.Inputs, device)).argmax(1).cpu().data<long>().ToArray();
            var targets = batch.Targets.shape.Length == 1 ? batch.Targets : batch.Targets.argmax(1);
            var actual = targets.to_type(ScalarType.Int64).cpu().data<long>().ToArray();
            for (var i = 0; i < predicted.Length; i++) matrix.Add((int)actual[i], (int)predicted[i]);
        });
        return matrix;
    }

    /// <summary>
    /// The forward pass inference uses: the model's prepared plan when <see cref="UseInferencePath"/> is on and
    /// the model has one (looked up once per call, which also notices changed weights), else its own forward.
    /// </summary>
    private Func<Tensor, Tensor> InferenceForward() =>
        UseInferencePath && InferencePath.For(Model) is { } plan ? plan.Forward : Model.call;

    /// <summary>
    /// The plan <c>Evaluate</c> runs batches through (its <c>ForwardLogits</c> when the loss uses logits), or null for the
    /// model's own forward: looked up once per evaluation, like <see cref="Predict"/>'s.
    /// </summary>
    internal InferencePlan? EvaluationPlan() => UseInferencePath ? InferencePath.For(Model) : null;

    // Eval mode and no_grad around a pass over the data; the training mode is restored afterwards.
    private void RunInference(IDataset data, int batchSize, Action<Func<Tensor, Tensor>, Batch, Device> each)
    {
        var wasTraining = Model.training;
        Model.eval();
        var device = StepRunner.ModelDevice(Model);
        try
        {
            var forward = InferenceForward();
            using var noGrad = no_grad();
            foreach (var batch in new DataLoader(data, batchSize).Epoch())
            {
                using (batch) each(forward, batch, device);
            }
        }
        finally
        {
            Model.train(wasTraining);
        }
    }
}
