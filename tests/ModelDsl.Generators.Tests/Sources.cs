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

    /// <summary>VGG16 (138,357,544 parameters) with a block for conv + ReLU.</summary>
    public const string Vgg16 = """
        using ModelDsl;

        namespace Demo;

        [Block("filters")]
        [Conv2D("filters", 3, Activation.Relu, Padding = Padding.Same)]
        public sealed class VggConv { }

        [Model(Input = "3x224x224")]
        [Use(typeof(VggConv), 64, Repeat = 2)] [MaxPool2D(2)]
        [Use(typeof(VggConv), 128, Repeat = 2)] [MaxPool2D(2)]
        [Use(typeof(VggConv), 256, Repeat = 3)] [MaxPool2D(2)]
        [Use(typeof(VggConv), 512, Repeat = 3)] [MaxPool2D(2)]
        [Use(typeof(VggConv), 512, Repeat = 3)] [MaxPool2D(2)]
        [Flatten]
        [Dense(4096, Activation.Relu)] [Dropout(0.5)]
        [Dense(4096, Activation.Relu)] [Dropout(0.5)]
        [Dense(1000, Activation.Softmax)]
        public partial class Vgg16 { }
        """;

    /// <summary>ResNet50 (torchvision v1.5 form, 25,557,032 parameters) with torchvision's module paths.</summary>
    public const string ResNet50 = """
        using ModelDsl;

        namespace Demo;

        [Block("width, stride = 1, project = false")]
        [Branch("main")]
        [Conv2D("width", 1, UseBias = false, Name = "conv1")] [BatchNormalization(Epsilon = 1e-5, Momentum = 0.9, Name = "bn1")] [Activation(Activation.Relu)]
        [Conv2D("width", 3, Stride = "stride", Pad = 1, UseBias = false, Name = "conv2")] [BatchNormalization(Epsilon = 1e-5, Momentum = 0.9, Name = "bn2")] [Activation(Activation.Relu)]
        [Conv2D("width * 4", 1, UseBias = false, Name = "conv3")] [BatchNormalization(Epsilon = 1e-5, Momentum = 0.9, Name = "bn3")]
        [Branch("shortcut", When = "project")]
        [Conv2D("width * 4", 1, Stride = "stride", UseBias = false, Name = "downsample.0")] [BatchNormalization(Epsilon = 1e-5, Momentum = 0.9, Name = "downsample.1")]
        [Add]
        [Activation(Activation.Relu)]
        public sealed class Bottleneck { }

        [Model(Input = "3x224x224")]
        [Conv2D(64, 7, Stride = 2, Pad = 3, UseBias = false, Name = "conv1")] [BatchNormalization(Epsilon = 1e-5, Momentum = 0.9, Name = "bn1")] [Activation(Activation.Relu)]
        [MaxPool2D(3, Stride = 2, Pad = 1, Name = "maxpool")]
        [Use(typeof(Bottleneck), 64, 1, true, Name = "layer1")] [Use(typeof(Bottleneck), 64, Name = "layer1", Repeat = 2)]
        [Use(typeof(Bottleneck), 128, 2, true, Name = "layer2")] [Use(typeof(Bottleneck), 128, Name = "layer2", Repeat = 3)]
        [Use(typeof(Bottleneck), 256, 2, true, Name = "layer3")] [Use(typeof(Bottleneck), 256, Name = "layer3", Repeat = 5)]
        [Use(typeof(Bottleneck), 512, 2, true, Name = "layer4")] [Use(typeof(Bottleneck), 512, Name = "layer4", Repeat = 2)]
        [GlobalAveragePooling2D(Name = "avgpool")]
        [Dense(1000, Activation.Softmax, Name = "fc")]
        public partial class ResNet50 { }
        """;

    /// <summary>MobileNetV2 (torchvision form, 3,504,872 parameters): inverted residuals with depthwise convolutions.</summary>
    public const string MobileNetV2 = """
        using ModelDsl;

        namespace Demo;

        [Block("filters, kernel = 1, stride = 1")]
        [Conv2D("filters", 1, UseBias = false, When = "kernel == 1")]
        [Conv2D("filters", 3, Stride = "stride", Pad = 1, UseBias = false, When = "kernel == 3")]
        [BatchNormalization(Epsilon = 1e-5, Momentum = 0.9)]
        [Activation(Activation.Relu6)]
        public sealed class ConvBnRelu6 { }

        [Block("output, stride, t")]
        [Use(typeof(ConvBnRelu6), "in * t", When = "t != 1")]
        [DepthwiseConv2D(3, Stride = "stride", Pad = 1, UseBias = false)] [BatchNormalization(Epsilon = 1e-5, Momentum = 0.9)] [Activation(Activation.Relu6)]
        [Conv2D("output", 1, UseBias = false)] [BatchNormalization(Epsilon = 1e-5, Momentum = 0.9)]
        [Add(When = "stride == 1 and in == output")]
        public sealed class InvertedResidual { }

        [Model(Input = "3x224x224")]
        [Use(typeof(ConvBnRelu6), 32, 3, 2)]
        [Use(typeof(InvertedResidual), 16, 1, 1)]
        [Use(typeof(InvertedResidual), 24, 2, 6)] [Use(typeof(InvertedResidual), 24, 1, 6)]
        [Use(typeof(InvertedResidual), 32, 2, 6)] [Use(typeof(InvertedResidual), 32, 1, 6, Repeat = 2)]
        [Use(typeof(InvertedResidual), 64, 2, 6)] [Use(typeof(InvertedResidual), 64, 1, 6, Repeat = 3)]
        [Use(typeof(InvertedResidual), 96, 1, 6)] [Use(typeof(InvertedResidual), 96, 1, 6, Repeat = 2)]
        [Use(typeof(InvertedResidual), 160, 2, 6)] [Use(typeof(InvertedResidual), 160, 1, 6, Repeat = 2)]
        [Use(typeof(InvertedResidual), 320, 1, 6)]
        [Use(typeof(ConvBnRelu6), 1280)]
        [GlobalAveragePooling2D] [Dropout(0.2)]
        [Dense(1000, Activation.Softmax)]
        public partial class MobileNetV2 { }
        """;

    /// <summary>
    /// The layers added by issue 14 in one small model (Specs/NewLayers.mdsl's NewLayers, as attributes):
    /// SiLU, squeeze-and-excitation by [Multiply] with GELU and hard sigmoid, hard swish, channel shuffle,
    /// a chunk split with stochastic depth, ceil-mode pools and adaptive pools.
    /// </summary>
    public const string NewLayers = """
        using ModelDsl;

        namespace Demo;

        [Block]
        [Branch("scale")]
        [AdaptiveAvgPool2D(1)] [Conv2D(4, 1)] [Gelu] [Conv2D(16, 1)] [Hardsigmoid]
        [Multiply]
        public sealed class SqueezeExcite { }

        [Block]
        [Branch("left")] [Chunk(2, 0)]
        [Branch("right")] [Chunk(2, 1)] [Conv2D(8, 1)] [StochasticDepth(0.25, Mode = StochasticDepthMode.Row)]
        [Concatenate]
        public sealed class Split { }

        [Model(Input = "8x14x18")]
        [Conv2D(16, 3, Pad = 1)] [Silu]
        [Use(typeof(SqueezeExcite))]
        [Hardswish] [ChannelShuffle(4)]
        [Use(typeof(Split))]
        [MaxPool2D(3, Stride = 2, CeilMode = true)] [AvgPool2D(2, CeilMode = true)]
        [AdaptiveMaxPool2D(2, 3)] [AdaptiveAvgPool2D(1)] [Flatten] [Dense(10)]
        public partial class NewLayers { }
        """;
}
