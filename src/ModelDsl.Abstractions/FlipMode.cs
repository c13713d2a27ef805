namespace ModelDsl
{
    /// <summary>Which axes <see cref="RandomFlipAttribute"/> may flip.</summary>
    public enum FlipMode
    {
        /// <summary>Left-right flips only.</summary>
        Horizontal = 0,
        /// <summary>Up-down flips only.</summary>
        Vertical,
        /// <summary>Both axes, independently.</summary>
        HorizontalAndVertical,
    }
}
