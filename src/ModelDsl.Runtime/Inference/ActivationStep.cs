using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>A standalone activation node (one that could not be merged into its producer): in place when the input is the plan's to overwrite.</summary>
internal sealed class ActivationStep(int input, int output, Elementwise kind) : InferenceStep([input], output)
{
    public override Tensor Run(Tensor[] inputs, bool[] overwritable) => ElementwiseOps.Apply(kind, inputs[0], overwritable[0]);
}
