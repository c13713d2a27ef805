namespace ModelDsl
{
    /// <summary>Merges the open branches by element-wise addition (shapes must match).</summary>
    public sealed class AddAttribute : LayerAttribute
    {
    }
}
