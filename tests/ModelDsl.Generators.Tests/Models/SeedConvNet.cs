using ModelDsl;

namespace ModelDsl.Generators.Tests.Models;

/// <summary>The seed's MNIST convnet (Chollet, 5.1) declared with attributes and compiled by the generator into this assembly.</summary>
[Model(Input = "1x28x28")]
[Conv2D(32, 3, Activation.Relu)] [MaxPool2D(2)]
[Conv2D(64, 3, Activation.Relu)] [MaxPool2D(2)]
[Conv2D(64, 3, Activation.Relu)]
[Flatten] [Dense(64, Activation.Relu)] [Dense(10, Activation.Softmax)]
public partial class SeedConvNet { }
