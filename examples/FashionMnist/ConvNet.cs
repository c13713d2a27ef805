using ModelDsl.Torch;
using ModelDsl.Torch.Nn;

namespace FashionMnist;

/// <summary>The seed convnet, built by hand until the attribute-declared one is generated.</summary>
internal static class ConvNet
{
    public static Sequential Create() => new(
        new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2),
        new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
        new Conv2d(64, 64, 3), new ReLU(),
        new Flatten(), new Linear(576, 64), new ReLU(), new Linear(64, 10), new Softmax());

    public const string SummaryText = "(summary available once the generator builds the attribute-declared model)";
}
