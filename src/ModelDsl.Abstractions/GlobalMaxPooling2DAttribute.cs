namespace ModelDsl
{
    /// <summary>Takes each channel's maximum over height and width: (C, H, W) becomes (C).</summary>
    public sealed class GlobalMaxPooling2DAttribute : LayerAttribute
    {

    }
}
