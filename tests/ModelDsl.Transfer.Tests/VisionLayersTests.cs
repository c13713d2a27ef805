using ModelDsl.Runtime.Spec;
using ModelDsl.Transfer.Tests.Support;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Tests;

public class VisionLayersTests
{
    [Fact]
    public void Transfer_registers_the_vision_augmentation_layers_for_specs()
    {
        VisionLayers.Register();
        using var model = SpecModule.FromText("model M(input = 3x8x8) { flip: randomflip(horizontal) > scale: rescaling(0.5) }", "M");
        Assert.IsType<ModelDsl.Vision.Layers.RandomFlip>(model.ModuleAt("flip"));
        model.eval();
        using var x = ones(1, 3, 8, 8);
        using var y = model.call(x);
        Assert.All(y.Floats(), v => Assert.Equal(0.5f, v));
    }
}
