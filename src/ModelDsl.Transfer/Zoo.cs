using ModelDsl.Runtime.Spec;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer;

/// <summary>
/// Pretrained architectures from the spec zoo with torchvision's state_dict keys, so torchvision's
/// weight files (e.g. <c>vgg16-397923af.pth</c>) load by name: <c>Zoo.Vgg16(weights: path)</c>.
/// With <c>includeTop: false</c> only the convolutional base is built; <c>classes</c> sizes the top.
/// </summary>
public static class Zoo
{
    /// <summary>VGG16 (138,357,544 parameters with the 1000-class top).</summary>
    public static TransferModule Vgg16(bool includeTop = true, int classes = 1000, string? weights = null, SpecModuleOptions? options = null)
        => Create("VGG16", includeTop, classes, weights, options);

    /// <summary>ResNet50 in torchvision's form (25,557,032 parameters with the 1000-class top).</summary>
    public static TransferModule ResNet50(bool includeTop = true, int classes = 1000, string? weights = null, SpecModuleOptions? options = null)
        => Create("ResNet50", includeTop, classes, weights, options);

    /// <summary>MobileNetV2 in torchvision's form (3,504,872 parameters with the 1000-class top).</summary>
    public static TransferModule MobileNetV2(bool includeTop = true, int classes = 1000, string? weights = null, SpecModuleOptions? options = null)
        => Create("MobileNetV2", includeTop, classes, weights, options);

    /// <summary>The seed's MNIST convnet (93,322 parameters with the 10-class top), input 1x28x28.</summary>
    public static TransferModule MnistConvNet(bool includeTop = true, int classes = 10, string? weights = null, SpecModuleOptions? options = null)
        => Create("MnistConvNet", includeTop, classes, weights, options);

    /// <summary>
    /// Any zoo model by name. When <paramref name="weights"/> is given (a .pth/.pt or .safetensors file),
    /// it is loaded strictly with the top, and without the top any classifier keys in the file are ignored.
    /// </summary>
    public static TransferModule Create(string name, bool includeTop, int classes, string? weights = null, SpecModuleOptions? options = null,
        IReadOnlyDictionary<string, object>? args = null)
    {
        var model = new TransferModule(SpecModule.CompileZoo(name, includeTop, classes, args), options);
        if (weights is null) return model;
        try
        {
            var report = WeightsLoader.Load(model, weights, strict: includeTop);
            if (!includeTop && (report.MissingKeys.Count > 0 || report.Mismatched.Count > 0))
            {
                throw new WeightsMismatchException(name, report);
            }
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
