namespace ModelDsl
{
    /// <summary>Averages each channel over height and width: (C, H, W) becomes (C).</summary>
    public sealed class GlobalAveragePooling2DAttribute : LayerAttribute
    {

    }
}
