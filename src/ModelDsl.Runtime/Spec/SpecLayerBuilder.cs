using ModelDsl.Runtime.Init;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// Maps one IR layer to TorchSharp's module with the IR's hyper-parameters. Pads come from shape
/// inference (<c>ResolvedPads</c>): symmetric pads go into the layer, asymmetric ones (Keras 'same' with a
/// stride) are applied by <see cref="SpecModule"/> before a padding-0 layer. Fused activations are not part
/// of the module either, so the module's state names stay those of the bare layer (torchvision's keys).
/// </summary>
internal static class SpecLayerBuilder
{
    public static BuiltLayer Build(SpecLayerContext context, SpecModuleOptions options)
    {
        var kind = context.Node.Layer.Kind;
        if (options.Factories is { } own && own.TryGetValue(kind, out var custom) && custom(context) is { } fromOptions) return new(fromOptions);
        if (SpecLayerFactories.TryGet(kind, out var registered) && registered(context) is { } fromRegistry) return new(fromRegistry);
        var pads = context.Info.ResolvedPads ?? Pads.Zero;
        return context.Node.Layer switch
        {
            InputLayer or AddLayer or ConcatenateLayer or MultiplyLayer => BuiltLayer.None,
            Conv2DLayer c => Conv(context.Input.Channels, c.Filters, c.Kernel, c.Stride, c.Dilation, c.Groups, c.UseBias, pads, options),
            DepthwiseConv2DLayer d => Conv(context.Input.Channels, (long)context.Input.Channels * d.DepthMultiplier, d.Kernel, d.Stride, d.Dilation,
                context.Input.Channels, d.UseBias, pads, options),
            DenseLayer d => new(Initialised(nn.Linear(context.Input.Channels, d.Units, hasBias: d.UseBias), options)),
            BatchNormalizationLayer b => new(context.Input.IsImage
                ? nn.BatchNorm2d(context.Input.Channels, eps: b.Epsilon, momentum: b.TorchMomentum)
                : nn.BatchNorm1d(context.Input.Channels, eps: b.Epsilon, momentum: b.TorchMomentum)),
            MaxPool2DLayer p => MaxPool(context, p, pads),
            AvgPool2DLayer p => AvgPool(context, p, pads),
            GlobalAveragePooling2DLayer => new(SpecGlobalPooling.Average()),
            GlobalMaxPooling2DLayer => new(SpecGlobalPooling.Max()),
            ZeroPadding2DLayer z => new(nn.ZeroPad2d((z.Pads.Left, z.Pads.Right, z.Pads.Top, z.Pads.Bottom))),
            FlattenLayer => new(nn.Flatten()),
            DropoutLayer d => new(nn.Dropout(d.Rate)),
            ActivationLayer a => new(SpecActivations.Module(a.Activation)),
            ReshapeLayer r => new(new SpecReshape(r.Target.Dims.ToArray())),
            RescalingLayer r => new(new SpecRescaling(r.Scale, r.Offset)),
            AdaptiveAvgPool2DLayer a => new(nn.AdaptiveAvgPool2d(Pair(a.OutputSize))),
            AdaptiveMaxPool2DLayer a => new(nn.AdaptiveMaxPool2d([a.OutputSize.H, a.OutputSize.W])),
            SiluLayer => new(nn.SiLU()),
            HardswishLayer => new(nn.Hardswish()),
            HardsigmoidLayer => new(nn.Hardsigmoid()),
            GeluLayer => new(nn.GELU()),
            ChannelShuffleLayer c => new(nn.ChannelShuffle(c.Groups)),
            StochasticDepthLayer d => new(new SpecStochasticDepth(d.Probability, d.Mode)),
            ChunkLayer c => new(new SpecChunk(c.Chunks, c.Index)),
            _ => throw new NotSupportedException(
                $"layer '{context.Node.ModulePath}' ({kind}) has no runtime module here: register one with SpecLayerFactories.Register " +
                "(ModelDsl.Vision's preprocessing layers are registered by ModelDsl.Transfer's VisionLayers.Register()) or pass SpecModuleOptions.Factories."),
        };
    }

    private static (long, long) Pair(IntPair pair) => (pair.H, pair.W);

    private static BuiltLayer Conv(long inChannels, long outChannels, IntPair kernel, IntPair stride, IntPair dilation, long groups, bool bias, Pads pads, SpecModuleOptions options)
    {
        var symmetric = pads.IsSymmetric;
        var conv = nn.Conv2d(inChannels, outChannels, Pair(kernel), stride: Pair(stride),
            padding: symmetric ? (pads.Top, pads.Left) : (0, 0), dilation: Pair(dilation), groups: groups, bias: bias);
        return new(Initialised(conv, options), symmetric ? null : pads);
    }

    private static T Initialised<T>(T layer, SpecModuleOptions options)
        where T : nn.Module
    {
        LayerInit.Apply(layer, options.Init);
        return layer;
    }

    private static BuiltLayer MaxPool(SpecLayerContext context, MaxPool2DLayer p, Pads pads)
    {
        // libtorch's own padding (implicitly -inf) takes at most half the window per side.
        if (pads.IsSymmetric && pads.Top * 2 <= p.Pool.H && pads.Left * 2 <= p.Pool.W)
        {
            return new(nn.MaxPool2d(Pair(p.Pool), Pair(p.Stride), (pads.Top, pads.Left), ceil_mode: p.CeilMode));
        }
        if (p.CeilMode)
        {
            // PyTorch's ceil rule looks at the leading pad only; a pad applied beforehand would change the output size.
            throw new NotSupportedException(
                $"layer '{context.Node.ModulePath}' (MaxPool2D) combines ceil_mode with pads {pads} (top, bottom, left, right) that are asymmetric or wider than half the window; use symmetric padding with ceil_mode.");
        }
        return new(nn.MaxPool2d(Pair(p.Pool), Pair(p.Stride)), pads, double.NegativeInfinity);
    }

    private static BuiltLayer AvgPool(SpecLayerContext context, AvgPool2DLayer p, Pads pads)
    {
        if (!pads.IsSymmetric || pads.Top * 2 > p.Pool.H || pads.Left * 2 > p.Pool.W)
        {
            throw new NotSupportedException(
                $"layer '{context.Node.ModulePath}' (AvgPool2D) needs pads {pads} (top, bottom, left, right), which average pooling cannot express " +
                "(asymmetric, or more than half the window); use an odd pool size with stride 1, or explicit symmetric padding.");
        }
        // Keras's 'same' averages only over real cells; explicit padding follows PyTorch and counts the zeros.
        var countPad = p.Padding.Mode != PaddingMode.Same;
        return new(nn.AvgPool2d(Pair(p.Pool), Pair(p.Stride), (pads.Top, pads.Left), ceil_mode: p.CeilMode, count_include_pad: countPad));
    }
}
