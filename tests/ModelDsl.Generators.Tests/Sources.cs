namespace ModelDsl.Generators.Tests;

/// <summary>C# model declarations shared by the tests.</summary>
public static class Sources
{
    /// <summary>The seed's MNIST convnet (Chollet, 5.1): 93,322 parameters.</summary>
    public const string MnistConvNet = """
        using ModelDsl;

        namespace Demo;

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
        """;
}
