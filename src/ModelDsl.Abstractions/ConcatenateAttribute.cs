namespace ModelDsl
{
    /// <summary>Merges the open branches by concatenating channels (other axes must match).</summary>
    public sealed class ConcatenateAttribute : LayerAttribute
    {
    }
}
