using ModelDsl;

namespace ModelDslClassifier;

/// <summary>
/// A small convnet for 28x28 grey images and 10 classes. ModelDsl generates the rest of this class at build time: a
/// TorchSharp module with one typed property per layer, <c>forward</c>, and <c>SummaryText</c> (also in these docs).
/// Change a layer and build: a shape that no longer fits is a build error at the attribute (e.g. MDSL009 for a
/// Dense layer after a 3-D tensor without Flatten).
/// </summary>
[Model(Input = "1x28x28")]
[Conv2D(32, 3, Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.Relu)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class Classifier
{
}
