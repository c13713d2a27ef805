namespace ModelDsl
{
    /// <summary>The SiLU (swish) activation, x * sigmoid(x), as a layer of its own (PyTorch <c>SiLU</c>).</summary>
    public sealed class SiluAttribute : LayerAttribute
    {
    }
}
