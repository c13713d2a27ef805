using ModelDsl;

namespace ModelDsl.Generators.Tests.Models;

// A model with a mistake on purpose (Dense after a convolution, no Flatten): its MDSL009 is suppressed here so this
// project builds, and the tests check the class the generator still writes for it.
#pragma warning disable MDSL009

/// <summary>The user's own summary of a model with an error.</summary>
[Model(Input = "1x8x8")]
[Conv2D(4, 3, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DenseWithoutFlatten { }

#pragma warning restore MDSL009
