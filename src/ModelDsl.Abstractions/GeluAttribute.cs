namespace ModelDsl
{
    /// <summary>The GELU activation in its exact form, x * Phi(x) (PyTorch <c>GELU()</c>).</summary>
    public sealed class GeluAttribute : LayerAttribute
    {
    }
}
