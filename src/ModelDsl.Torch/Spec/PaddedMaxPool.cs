using ModelDsl.Spec.Shapes;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Spec;

/// <summary>
/// Max pooling with asymmetric pads (Keras 'same' with an even window or stride 2), which libtorch's
/// max_pool2d cannot express. The input is shifted so its minimum is 0, zero-padded, pooled and shifted
/// back: every padded cell then equals the input minimum, which never wins a window that holds a real
/// value, so the result equals pooling with -inf padding.
/// </summary>
internal sealed class PaddedMaxPool(Nn.Size2d kernel, Nn.Size2d stride, Pads pads) : Nn.Module
{
    public override Tensor Forward(Tensor input)
    {
        using var scope = DisposeScope.Begin();
        var min = input.Min().Detach();
        var shifted = input - min;
        var padded = F.ZeroPad2d(shifted, pads.Left, pads.Right, pads.Top, pads.Bottom);
        var pooled = F.MaxPool2d(padded, kernel, stride);
        return scope.MoveToOuter(pooled + min);
    }
}
