using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// One operation of an <see cref="InferencePlan"/>: reads the values of graph nodes <see cref="Inputs"/> and produces
/// the value of node <see cref="Output"/> (the last node it covers when it fuses several, e.g. conv + BatchNorm + ReLU).
/// </summary>
internal abstract class InferenceStep : IDisposable
{
    protected InferenceStep(int[] inputs, int output)
    {
        Inputs = inputs;
        Output = output;
    }

    /// <summary>The node ids whose values the step reads, in order.</summary>
    public int[] Inputs { get; }

    /// <summary>The node id of the value the step produces.</summary>
    public int Output { get; }

    /// <summary>
    /// Whether the result is a new tensor the plan may later overwrite (false for views and aliases of an input, which
    /// may share storage with a value another node still reads).
    /// </summary>
    public virtual bool ReturnsFreshTensor => true;

    /// <summary>
    /// Computes the value. <paramref name="overwritable"/>[k] says that input k is the plan's own tensor and this is its
    /// last reader: the step may update it in place and return it.
    /// </summary>
    public abstract Tensor Run(Tensor[] inputs, bool[] overwritable);

    /// <summary>Releases the step's prepared tensors.</summary>
    public virtual void Dispose()
    {
    }
}
