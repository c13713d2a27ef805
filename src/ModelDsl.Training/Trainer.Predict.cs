using ModelDsl.Training.Data;
using ModelDsl.Training.Reports;
using static TorchSharp.torch;

namespace ModelDsl.Training;

public sealed partial class Trainer
{
    /// <summary>The model outputs for every example, in order, shaped [N, ...] (Keras's <c>predict</c>); the caller owns the tensor.</summary>
    public Tensor Predict(IDataset data, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = new List<Tensor>();
        var wasTraining = Model.training;
        Model.eval();
        var device = StepRunner.ModelDevice(Model);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            try
            {
                foreach (var batch in new DataLoader(data, batchSize).Epoch())
                {
                    using (batch) parts.Add(Model.call(StepRunner.On(batch.Inputs, device)));
                }
            }
            finally
            {
                Model.train(wasTraining);
            }
        }
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
        var device = StepRunner.ModelDevice(Model);
        var wasTraining = Model.training;
        Model.eval();
        try
        {
            foreach (var batch in new DataLoader(data, batchSize).Epoch())
            {
                using (batch)
                using (NewDisposeScope())
                using (no_grad())
                {
                    var predicted = Model.call(StepRunner.On(batch.Inputs, device)).argmax(1).cpu().data<long>().ToArray();
                    var targets = batch.Targets.shape.Length == 1 ? batch.Targets : batch.Targets.argmax(1);
                    var actual = targets.to_type(ScalarType.Int64).cpu().data<long>().ToArray();
                    for (var i = 0; i < predicted.Length; i++) matrix.Add((int)actual[i], (int)predicted[i]);
                }
            }
        }
        finally
        {
            Model.train(wasTraining);
        }
        return matrix;
    }
}
