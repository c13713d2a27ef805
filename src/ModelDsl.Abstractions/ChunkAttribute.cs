namespace ModelDsl
{
    /// <summary>One of <see cref="Chunks"/> equal slices of the channels (<c>x.chunk(chunks, 1)[index]</c>; ShuffleNetV2's channel split).</summary>
    public sealed class ChunkAttribute : LayerAttribute
    {
        /// <summary>A channel chunk.</summary>
        /// <param name="chunks">Number of chunks; must divide the channels.</param>
        /// <param name="index">Which chunk, 0-based.</param>
        public ChunkAttribute(int chunks, int index)
        {
            Chunks = chunks;
            Index = index;
        }

        /// <summary>Number of chunks.</summary>
        public int Chunks { get; }

        /// <summary>Which chunk, 0-based.</summary>
        public int Index { get; }
    }
}
