using ModelDsl;
using ModelDsl.Torch;
using ModelDsl.Training;
using F = ModelDsl.Torch.Nn.Functional;

namespace FashionMnist;

/// <summary>The seed's convnet (Chollet, "Deep learning with Python", 5.1), declared with attributes.</summary>
[Model(Input = "1x28x28")]
[Conv2D(32, 3, Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.Relu)]
[Flatten]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class FashionConvNet : ILogitsModule
{
    /// <summary>
    /// The generated forward pass without its final softmax, so the trainer computes the loss as
    /// log-softmax + NLL on these logits (stable however confident the model gets), as Keras does.
    /// </summary>
    public Tensor ForwardLogits(Tensor input)
    {
        var x = F.Relu(Conv2d.Forward(input));
        x = MaxPooling2d.Forward(x);
        x = F.Relu(Conv2d1.Forward(x));
        x = MaxPooling2d1.Forward(x);
        x = F.Relu(Conv2d2.Forward(x));
        x = F.Flatten(x);
        x = F.Relu(Dense.Forward(x));
        return Dense1.Forward(x);
    }
}
