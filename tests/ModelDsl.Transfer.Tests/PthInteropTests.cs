using ModelDsl.Torch;
using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

/// <summary>Files written by torch-core's <see cref="TensorSerializer"/> (libtorch's pickle_save of a plain dict).</summary>
public class PthInteropTests
{
    [Fact]
    public void We_read_what_TensorSerializer_writes()
    {
        using var dir = new TempDirectory();
        using var net = new SmallNet();
        WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"));
        var path = dir.File("serializer.pt");

        TensorSerializer.Save(net.StateDict(), path);
        var dict = WeightsFile.Read(path);

        Assert.Equal(net.StateDict().Keys, dict.Names);
        foreach (var (name, tensor) in net.StateDict())
        {
            Assert.Equal(tensor.ToBytes(), dict[name].Data.ToArray());
        }
    }

    [Fact]
    public void TensorSerializer_files_load_into_the_PyTorch_module()
    {
        using var dir = new TempDirectory();
        using var net = new SmallNet();
        WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"));
        var path = dir.File("serializer.pt");

        TensorSerializer.Save(net.StateDict(), path);

        var output = PyTorch.Run(SmallNet.PythonDefinition + """
            import sys
            net = SmallNet()
            state = torch.load(sys.argv[1])
            print(type(state).__name__, net.load_state_dict(state, strict=True))
            reference = torch.load(sys.argv[2])
            print(all(torch.equal(state[k], reference[k]) for k in reference))
            """, path, WeightsFixtures.PathOf("small_net.pth"));
        Assert.Equal(["dict <All keys matched successfully>", "True"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
