using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using ModelDsl.Torch.Nn;
using ActivationKind = ModelDsl.Spec.Shapes.ActivationKind;

namespace ModelDsl.Torch.Spec;

/// <summary>
/// Maps one IR layer to its runtime module with the IR's hyper-parameters. Pads come from shape
/// inference (<c>ResolvedPads</c>), so 'same' with a stride gets Keras's asymmetric pads exactly.
/// Fused activations are not part of the module: <see cref="SpecModule"/> applies them, so the
/// module's state names stay those of the bare layer (torchvision's keys).
/// </summary>
internal static class SpecLayerBuilder
{
    /// <summary>The module of a node, or null for nodes that need none (input, add, concatenate).</summary>
    public static Module? Build(SpecLayerContext context, SpecModuleOptions options)
    {
        var kind = context.Node.Layer.Kind;
        if (options.Factories is { } own && own.TryGetValue(kind, out var custom) && custom(context) is { } fromOptions) return fromOptions;
        if (SpecLayerFactories.TryGet(kind, out var registered) && registered(context) is { } fromRegistry) return fromRegistry;
        return context.Node.Layer switch
        {
            InputLayer or AddLayer or ConcatenateLayer => null,
            Conv2DLayer c => new Conv2d(context.Input.Channels, c.Filters, Size(c.Kernel), Size(c.Stride), ConvPads(context),
                Size(c.Dilation), c.Groups, c.UseBias, options.Init),
            DepthwiseConv2DLayer d => new Conv2d(context.Input.Channels, (long)context.Input.Channels * d.DepthMultiplier, Size(d.Kernel),
                Size(d.Stride), ConvPads(context), Size(d.Dilation), context.Input.Channels, d.UseBias, options.Init),
            DenseLayer d => new Linear(context.Input.Channels, d.Units, d.UseBias, options.Init),
            BatchNormalizationLayer b => context.Input.IsImage
                ? new BatchNorm2d(context.Input.Channels, b.Epsilon, b.TorchMomentum)
                : new BatchNorm1d(context.Input.Channels, b.Epsilon, b.TorchMomentum),
            MaxPool2DLayer p => MaxPool(p, Pads(context)),
            AvgPool2DLayer p => AvgPool(context, p, Pads(context)),
            GlobalAveragePooling2DLayer => new GlobalAvgPool2d(),
            GlobalMaxPooling2DLayer => new GlobalMaxPool2d(),
            ZeroPadding2DLayer z => new ZeroPad2d(z.Pads.Left, z.Pads.Right, z.Pads.Top, z.Pads.Bottom),
            FlattenLayer => new Flatten(),
            DropoutLayer d => new Dropout(d.Rate),
            ActivationLayer a => new SpecActivation(a.Activation),
            ReshapeLayer r => new SpecReshape(r.Target.Dims.ToArray()),
            RescalingLayer r => new SpecRescaling(r.Scale, r.Offset),
            _ => throw new NotSupportedException(
                $"Layer '{context.Node.ModulePath}' ({kind}) has no runtime module here: register one with SpecLayerFactories.Register " +
                "(ModelDsl.Vision's preprocessing layers are registered by ModelDsl.Transfer's VisionLayers.Register()) or pass SpecModuleOptions.Factories."),
        };
    }

    private static Size2d Size(IntPair pair) => new(pair.H, pair.W);

    private static Pads Pads(SpecLayerContext context) => context.Info.ResolvedPads ?? ModelDsl.Spec.Shapes.Pads.Zero;

    private static Padding2d ConvPads(SpecLayerContext context)
    {
        var p = Pads(context);
        return p.IsZero ? Padding2d.Valid : Padding2d.Explicit(p.Left, p.Right, p.Top, p.Bottom);
    }

    private static Module MaxPool(MaxPool2DLayer p, Pads pads)
    {
        if (pads.IsSymmetric && pads.Top * 2 <= p.Pool.H && pads.Left * 2 <= p.Pool.W)
        {
            return new MaxPool2d(Size(p.Pool), Size(p.Stride), new Size2d(pads.Top, pads.Left));
        }
        return new PaddedMaxPool(Size(p.Pool), Size(p.Stride), pads);
    }

    private static Module AvgPool(SpecLayerContext context, AvgPool2DLayer p, Pads pads)
    {
        if (!pads.IsSymmetric)
        {
            throw new NotSupportedException(
                $"Layer '{context.Node.ModulePath}' (AvgPool2D) needs asymmetric pads {pads}, which average pooling cannot express; use an odd pool size or explicit symmetric padding.");
        }
        // Keras's 'same' averages only over real cells; explicit padding follows PyTorch and counts the zeros.
        var countPad = p.Padding.Mode != PaddingMode.Same;
        return new AvgPool2d(Size(p.Pool), Size(p.Stride), new Size2d(pads.Top, pads.Left), countIncludePad: countPad);
    }
}
