using ModelDsl.Transfer;

namespace TransferFashion;

/// <summary>The convolutional bases the example can pretrain and transfer (input 1x28x28).</summary>
internal static class FashionNets
{
    // A small VGG-style base: two blocks of two 3x3 convolutions, each followed by batch normalisation
    // (momentum 0.9, so the running statistics settle within the few hundred steps of a 250-image
    // training from scratch), then 2x2 max pooling. Output 64x7x7.
    private const string SmallVgg = """
        model SmallVgg(input = 1x28x28) {
          conv2d(32, 3, padding=same, bias=false) > batchnorm(momentum=0.9) > relu
          conv2d(32, 3, padding=same, bias=false) > batchnorm(momentum=0.9) > relu > maxpool2d(2)
          conv2d(64, 3, padding=same, bias=false) > batchnorm(momentum=0.9) > relu
          conv2d(64, 3, padding=same, bias=false) > batchnorm(momentum=0.9) > relu > maxpool2d(2)
        }
        """;

    /// <summary>A new, randomly initialised base: <c>vgg</c> (<see cref="SmallVgg"/>) or <c>seed</c> (the seed convnet's base).</summary>
    public static TransferModule Base(string name) => name switch
    {
        "vgg" => TransferModule.FromText(SmallVgg, "SmallVgg"),
        "seed" => Zoo.MnistConvNet(includeTop: false),
        _ => throw new ArgumentException($"Unknown base \"{name}\" (vgg or seed)."),
    };
}
