using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;
using TorchSharp.PyBridge;

namespace ModelDsl.Transfer.Tests;

/// <summary>
/// Our reader and writer against TorchSharp.PyBridge's <c>save_py</c>/<c>load_py</c>, the other managed
/// implementation of PyTorch's format: each reads what the other writes, and PyTorch reads both.
/// </summary>
public class PthInteropTests
{
    [Fact]
    public void We_read_what_PyBridge_writes()
    {
        using var dir = new TempDirectory();
        using var net = new SmallNet();
        WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"));
        var path = dir.File("pybridge.pth");

        net.save_py(path);
        var dict = WeightsFile.Read(path);

        Assert.Equal(net.state_dict().Keys, dict.Names);
        foreach (var (name, tensor) in net.state_dict())
        {
            Assert.Equal(tensor.ToTensorData(name).Data.ToArray(), dict[name].Data.ToArray());
        }
    }

    [Fact]
    public void PyBridge_reads_what_we_write()
    {
        using var dir = new TempDirectory();
        using var source = new SmallNet();
        WeightsLoader.Load(source, WeightsFixtures.PathOf("small_net.pth"));
        var path = dir.File("ours.pth");
        WeightsLoader.Save(source, path);
        using var target = new SmallNet();

        target.load_py(path);

        foreach (var (name, tensor) in source.state_dict())
        {
            Assert.Equal(tensor.Floats(), target.state_dict()[name].Floats());
        }
    }

    [Fact]
    public void PyBridge_files_load_into_the_PyTorch_module()
    {
        using var dir = new TempDirectory();
        using var net = new SmallNet();
        WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"));
        var path = dir.File("pybridge.pth");

        net.save_py(path);

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
