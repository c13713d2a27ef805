using ModelDsl;

namespace ModelDsl.Generators.Tests.Models;

/// <summary>A residual block: a projected shortcut only when the shape changes.</summary>
[Block("filters, stride = 1")]
[Branch("main")]
[Conv2D("filters", 3, Stride = "stride", Padding = Padding.Same, UseBias = false)] [BatchNormalization] [Activation(Activation.Relu)]
[Conv2D("filters", 3, Padding = Padding.Same, UseBias = false)] [BatchNormalization]
[Branch("shortcut", When = "stride != 1 or in != filters")]
[Conv2D("filters", 1, Stride = "stride", UseBias = false)] [BatchNormalization]
[Add]
[Activation(Activation.Relu)]
public sealed class BasicBlock { }

/// <summary>Two branches concatenated along channels.</summary>
[Block("filters")]
[Branch("a")] [Conv2D("filters", 1, Activation.Relu)]
[Branch("b")] [Conv2D("filters", 3, Activation.Relu, Padding = Padding.Same)]
[Concatenate]
public sealed class TwoWay { }

/// <summary>A C#-declared model compiled by the generator into this test assembly (attribute front end at run time).</summary>
[Model(Input = "3x32x32")]
[Rescaling(1.0 / 255)]
[Conv2D(16, 3, Activation.Relu, Padding = Padding.Same)]
[Use(typeof(BasicBlock), 16, Name = "stage1", Repeat = 2)]
[Use(typeof(BasicBlock), 32, 2, Name = "stage2")]
[Use(typeof(TwoWay), 16)]
[GlobalAveragePooling2D]
[Dropout(0.25)]
[Dense(10, Activation.Softmax)]
public partial class TinyResNet { }
