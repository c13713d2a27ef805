using ModelDsl.Torch;
using ModelDsl.Training.Data;
using ModelDsl.Training.Reports;

namespace ModelDsl.Training;

public sealed partial class Trainer
{
    /// <summary>The model outputs for every example, in order, shaped [N, ...] (Keras's <c>predict</c>); the caller owns the tensor.</summary>
    public Tensor Predict(IDataset data, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = new List<Tensor>();
        var wasTraining = Model.IsTraining;
        Model.Eval();
        using var scope = DisposeScope.Begin();
        using (NoGradScope.Begin())
        {
            try
            {
                foreach (var batch in new DataLoader(data, batchSize).Epoch())
                {
                    using (batch) parts.Add(Model.Forward(batch.Inputs));
                }
            }
            finally
            {
                Model.Train(wasTraining);
            }
        }
        if (parts.Count == 0) throw new ArgumentException("Cannot predict on an empty dataset.", nameof(data));
        return scope.Detach(Tensor.Cat(parts));
    }

    /// <summary>The predicted class (argmax of the outputs) of every example.</summary>
    public int[] PredictClasses(IDataset data, int batchSize = 32)
    {
        using var scope = DisposeScope.Begin();
        using var outputs = Predict(data, batchSize);
        var shape = outputs.Shape;
        if (shape.Length != 2) throw new InvalidOperationException($"Class predictions need outputs [N, classes], the model gives {Tensor.ShapeText(shape)}.");
        return outputs.Argmax(1).ToArray<long>().Select(c => (int)c).ToArray();
    }

    /// <summary>Counts true against predicted classes over a labelled dataset.</summary>
    /// <param name="data">Examples whose targets are class indices or one-hot rows.</param>
    /// <param name="classNames">One name per class.</param>
    /// <param name="batchSize">Examples per forward pass.</param>
    public ConfusionMatrix ConfusionMatrix(IDataset data, IReadOnlyList<string> classNames, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(data);
        var matrix = new ConfusionMatrix(classNames);
        var wasTraining = Model.IsTraining;
        Model.Eval();
        try
        {
            foreach (var batch in new DataLoader(data, batchSize).Epoch())
            {
                using (batch)
                using (DisposeScope.Begin())
                using (NoGradScope.Begin())
                {
                    var predicted = Model.Forward(batch.Inputs).Argmax(1).ToArray<long>();
                    var targets = batch.Targets.Shape.Length == 1 ? batch.Targets : batch.Targets.Argmax(1);
                    var actual = targets.To(DType.Int64).ToArray<long>();
                    for (var i = 0; i < predicted.Length; i++) matrix.Add((int)actual[i], (int)predicted[i]);
                }
            }
        }
        finally
        {
            Model.Train(wasTraining);
        }
        return matrix;
    }
}
