using ModelDsl.Torch.Init;

namespace ModelDsl.Torch.Nn;

/// <summary>Fully connected layer (torch.nn.Linear, Keras Dense): <c>weight</c> [out, in], optional <c>bias</c> [out].</summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer and initialises it by <paramref name="init"/> (default <see cref="Initializers.DefaultPolicy"/>).</summary>
    public Linear(long inFeatures, long outFeatures, bool bias = true, InitPolicy? init = null)
    {
        if (inFeatures < 1 || outFeatures < 1) throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear needs positive sizes, got {inFeatures} -> {outFeatures}.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", ModuleState.Create([outFeatures, inFeatures]));
        Bias = bias ? RegisterParameter("bias", ModuleState.Create([outFeatures])) : null;
        Initializers.InitLayer(Weight, Bias, init);
    }

    /// <summary>Input features.</summary>
    public long InFeatures { get; }

    /// <summary>Output features.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight [out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
