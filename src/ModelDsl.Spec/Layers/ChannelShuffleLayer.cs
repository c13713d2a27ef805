using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// ShuffleNet's channel shuffle: view [g, C/g, H, W], transpose to [C/g, g, H, W], flatten back.
    /// <c>channelshuffle(2)</c>; no weights (torchvision calls a function, so no module path is needed).
    /// </summary>
    /// <param name="Groups">Number of groups; must divide the channels.</param>
    public sealed record ChannelShuffleLayer(int Groups) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.ChannelShuffle;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.ChannelShuffle, "channelshuffle", "ChannelShuffle", "channel_shuffle", "ChannelShuffle", "Interleaves the channels of groups (ShuffleNet).",
            new[] { new ArgumentDescriptor("groups", ArgumentKind.PositiveInt, null, "number of groups (divides the channels)") },
            a => new ChannelShuffleLayer(a.Int("groups")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            if (Groups <= 0) return context.Fail(DiagnosticCatalog.BadArgument, "groups", context.DisplayName, "must be positive");
            if (context.Input.Channels % Groups != 0) return context.Fail(DiagnosticCatalog.GroupsMismatch, context.DisplayName, context.TypeName, context.Input.Channels, Groups);
            return LayerOutcome.Shape(context.Input);
        }
    }
}
