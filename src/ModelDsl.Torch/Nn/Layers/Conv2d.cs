using ModelDsl.Torch.Init;

namespace ModelDsl.Torch.Nn;

/// <summary>2-D convolution layer (torch.nn.Conv2d): <c>weight</c> [out, in/groups, kH, kW] and optional <c>bias</c> [out].</summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer and initialises it by <paramref name="init"/> (default <see cref="Initializers.DefaultPolicy"/>).</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels (filters).</param>
    /// <param name="kernelSize">Kernel (height, width).</param>
    /// <param name="stride">Step between windows (default 1).</param>
    /// <param name="padding">Valid (default), same (Keras rule) or explicit.</param>
    /// <param name="dilation">Spacing of kernel taps (default 1).</param>
    /// <param name="groups">Channel groups; <paramref name="inChannels"/> for depthwise.</param>
    /// <param name="bias">Whether the layer adds a bias.</param>
    /// <param name="init">Initialisation policy.</param>
    public Conv2d(long inChannels, long outChannels, Size2d kernelSize, Size2d? stride = null, Padding2d padding = default,
        Size2d? dilation = null, long groups = 1, bool bias = true, InitPolicy? init = null)
    {
        if (inChannels < 1 || outChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), $"Conv2d needs positive channel counts, got {inChannels} -> {outChannels}.");
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), $"Conv2d groups ({groups}) must divide both in ({inChannels}) and out ({outChannels}) channels.");
        }
        kernelSize.Require(nameof(kernelSize), 1);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride ?? 1;
        Padding = padding;
        Dilation = dilation ?? 1;
        Groups = groups;
        Weight = RegisterParameter("weight", ModuleState.Create([outChannels, inChannels / groups, kernelSize.H, kernelSize.W]));
        Bias = bias ? RegisterParameter("bias", ModuleState.Create([outChannels])) : null;
        Initializers.InitLayer(Weight, Bias, init);
    }

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <summary>Kernel size.</summary>
    public Size2d KernelSize { get; }

    /// <summary>Stride.</summary>
    public Size2d Stride { get; }

    /// <summary>Padding.</summary>
    public Padding2d Padding { get; }

    /// <summary>Dilation.</summary>
    public Size2d Dilation { get; }

    /// <summary>Channel groups.</summary>
    public long Groups { get; }

    /// <summary>The kernels [out, in/groups, kH, kW].</summary>
    public Tensor Weight { get; }

    /// <summary>The bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
