using ModelDsl;

namespace FashionMnist;

/// <summary>
/// The seed's convnet (Chollet, "Deep learning with Python", 5.1), declared with attributes. The generator
/// emits the layers, <c>Forward</c>, the summary and, because the model ends in softmax, <c>ForwardLogits</c>
/// (implementing <c>ModelDsl.Runtime.ILogitsModule</c>), so the trainer computes the loss on the logits.
/// </summary>
[Model(Input = "1x28x28")]
[Conv2D(32, 3, Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.Relu)]
[Flatten]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class FashionConvNet
{
}
