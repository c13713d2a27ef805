namespace ModelDsl
{
    /// <summary>The hard swish activation, x * relu6(x + 3) / 6 (PyTorch <c>Hardswish</c>, MobileNetV3).</summary>
    public sealed class HardswishAttribute : LayerAttribute
    {
    }
}
