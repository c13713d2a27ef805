using ModelDsl;

namespace ModelDsl.Generators.Tests.Models;

/// <summary>Keras 'same' padding with stride 2 on an even size: one more pixel at the bottom/right than the top/left.</summary>
[Model(Input = "1x8x8")]
[Conv2D(2, 3, Stride = 2, Padding = Padding.Same, UseBias = false)]
[MaxPool2D(3, Stride = 2, Padding = Padding.Same)]
[Flatten]
public partial class KerasSamePadding { }
