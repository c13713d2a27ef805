namespace ModelDsl
{
    /// <summary>Flattens (C, H, W) into one feature axis, as a classifier head needs before <see cref="DenseAttribute"/>.</summary>
    public sealed class FlattenAttribute : LayerAttribute
    {

    }
}
