namespace ModelDsl
{
    /// <summary>ShuffleNet's channel shuffle: interleaves the channels of <see cref="Groups"/> groups (no weights).</summary>
    public sealed class ChannelShuffleAttribute : LayerAttribute
    {
        /// <summary>A channel shuffle.</summary>
        /// <param name="groups">Number of groups; must divide the channels.</param>
        public ChannelShuffleAttribute(int groups)
        {
            Groups = groups;
        }

        /// <summary>Number of groups.</summary>
        public int Groups { get; }
    }
}
