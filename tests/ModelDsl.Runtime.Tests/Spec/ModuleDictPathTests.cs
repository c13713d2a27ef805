using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Spec;

/// <summary>
/// TorchSharp's ModuleDict gives nested state_dict paths (what the old ModuleGroup did), provided it is filled
/// before it is registered: the runtime and generated models rely on both facts.
/// </summary>
public class ModuleDictPathTests
{
    [Fact]
    public void A_module_dict_filled_before_registration_gives_torchvision_paths()
    {
        using var model = new Holder();
        var block = new ModuleDict<nn.Module> { { "conv1", nn.Conv2d(3, 4, 3, bias: false) }, { "bn1", nn.BatchNorm2d(4) } };
        var layer = new ModuleDict<nn.Module> { { "0", block } };
        model.Register("layer1", layer);
        Assert.Equal(
            ["layer1.0.bn1.bias", "layer1.0.bn1.num_batches_tracked", "layer1.0.bn1.running_mean", "layer1.0.bn1.running_var", "layer1.0.bn1.weight", "layer1.0.conv1.weight"],
            model.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Children_added_after_registration_are_not_part_of_the_state()
    {
        using var model = new Holder();
        var late = new ModuleDict<nn.Module>();
        model.Register("layer1", late);
        late.Add("conv1", nn.Conv2d(3, 4, 3));
        Assert.Empty(model.state_dict());
    }

    private sealed class Holder() : nn.Module<Tensor, Tensor>("Holder")
    {
        public void Register(string name, nn.Module module) => register_module(name, module);

        public override Tensor forward(Tensor input) => input;
    }
}
