using ModelDsl;

namespace MnistSummary;

/// <summary>
/// The seed's MNIST convnet (Chollet, "Deep Learning with Python" 5.1), declared with attributes.
/// The generator adds the TorchSharp layers, <c>forward</c>, the input guard and the summary at compile time;
/// hover the class name in an IDE to see the table.
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
public partial class MnistConvNet { }
