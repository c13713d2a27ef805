namespace ModelDsl
{
    /// <summary>The hard sigmoid activation, relu6(x + 3) / 6 (PyTorch <c>Hardsigmoid</c>, MobileNetV3's squeeze-and-excitation gate).</summary>
    public sealed class HardsigmoidAttribute : LayerAttribute
    {
    }
}
