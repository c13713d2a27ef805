using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// A layer the plan has no prepared form for (pooling variants, reshape, rescaling, channel shuffle, ...): its own
/// TorchSharp module is called. The result may be a view of the input, so the plan never overwrites it. A module the
/// plan built itself (a weightless layer a generated model runs inline) is the step's to dispose.
/// </summary>
internal sealed class ModuleStep(int input, int output, nn.Module<Tensor, Tensor> module, Elementwise activation, bool ownsModule = false) : InferenceStep([input], output)
{
    public override bool ReturnsFreshTensor => false;

    public override Tensor Run(Tensor[] inputs, bool[] overwritable)
    {
        var y = module.call(inputs[0]);
        if (activation == Elementwise.None) return y;
        var activated = ElementwiseOps.Apply(activation, y, overwrite: false);
        y.Dispose();
        return activated;
    }

    public override void Dispose()
    {
        if (ownsModule) module.Dispose();
    }
}

/// <summary>A layer that is the identity in inference (dropout, stochastic depth, training-time augmentation).</summary>
internal sealed class IdentityStep(int input, int output) : InferenceStep([input], output)
{
    public override bool ReturnsFreshTensor => false;

    public override Tensor Run(Tensor[] inputs, bool[] overwritable) => inputs[0].alias();
}
