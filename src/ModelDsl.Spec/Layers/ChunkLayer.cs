using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// One of <see cref="Chunks"/> equal slices of the channels, <c>x.chunk(chunks, dim=1)[index]</c>:
    /// <c>chunk(2, 0)</c> and <c>chunk(2, 1)</c> in two fork branches are ShuffleNetV2's channel split.
    /// No weights.
    /// </summary>
    /// <param name="Chunks">Number of chunks; must divide the channels.</param>
    /// <param name="Index">Which chunk, 0-based.</param>
    public sealed record ChunkLayer(int Chunks, int Index) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Chunk;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Chunk, "chunk", "Chunk", "chunk", "Chunk", "One of n equal channel chunks (torch.chunk along dim 1).",
            new[]
            {
                new ArgumentDescriptor("chunks", ArgumentKind.PositiveInt, null, "number of chunks (divides the channels)"),
                new ArgumentDescriptor("index", ArgumentKind.Int, null, "which chunk, 0-based"),
            },
            a => new ChunkLayer(a.Int("chunks"), a.Int("index")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (Chunks <= 0) return context.Fail(DiagnosticCatalog.BadArgument, "chunks", context.DisplayName, "must be positive");
            if (Index < 0 || Index >= Chunks) return context.Fail(DiagnosticCatalog.BadArgument, "index", context.DisplayName, "must be in 0.." + (Chunks - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var c = context.Input.Channels;
            if (c % Chunks != 0) return context.Fail(DiagnosticCatalog.GroupsMismatch, context.DisplayName, context.TypeName, c, Chunks);
            var dims = context.Input.Dims.ToArray();
            dims[0] = c / Chunks;
            return LayerOutcome.Shape(TensorShape.Of(dims));
        }
    }
}
