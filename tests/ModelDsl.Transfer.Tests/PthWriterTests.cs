using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

public class PthWriterTests
{
    [Fact]
    public void Torch_load_reads_every_dtype_we_write_with_the_same_values()
    {
        using var dir = new TempDirectory();
        var path = dir.File("dtypes.pth");
        var original = WeightsFile.Read(WeightsFixtures.PathOf("dtypes.pth"));

        WeightsFile.Write(path, original);

        var output = PyTorch.Run("""
            import sys, torch
            mine, theirs = torch.load(sys.argv[1]), torch.load(sys.argv[2])
            print(type(mine).__name__, list(mine.keys()) == list(theirs.keys()))
            for k in theirs:
                print(k, mine[k].dtype == theirs[k].dtype, torch.equal(mine[k], theirs[k]))
            """, path, WeightsFixtures.PathOf("dtypes.pth"));
        Assert.Equal(
            ["OrderedDict True", "half True True", "bfloat True True", "double True True", "long True True", "int True True", "byte True True", "mask True True"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Views_scalars_and_empty_tensors_survive_the_round_trip_through_PyTorch()
    {
        using var dir = new TempDirectory();
        var path = dir.File("views.pt");

        WeightsFile.Write(path, WeightsFile.Read(WeightsFixtures.PathOf("views.pth")));

        var output = PyTorch.Run("""
            import sys, torch
            mine, theirs = torch.load(sys.argv[1]), torch.load(sys.argv[2])
            print(all(torch.equal(mine[k], theirs[k]) and mine[k].shape == theirs[k].shape for k in theirs))
            print(mine['scalar'].shape, mine['empty'].shape, mine['transposed'].is_contiguous())
            """, path, WeightsFixtures.PathOf("views.pth"));
        Assert.Equal(["True", "torch.Size([]) torch.Size([0, 3]) True"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_module_versions_in_metadata_are_written_back()
    {
        using var dir = new TempDirectory();
        var path = dir.File("small_net.pth");

        WeightsFile.Write(path, WeightsFile.Read(WeightsFixtures.PathOf("small_net.pth")));

        var output = PyTorch.Run("""
            import sys, torch
            print(torch.load(sys.argv[1])._metadata == torch.load(sys.argv[2])._metadata)
            """, path, WeightsFixtures.PathOf("small_net.pth"));
        Assert.Equal("True", output.Trim());
        Assert.Equal("version=2", WeightsFile.Read(path).Metadata["features.1"]);
    }

    [Fact]
    public void A_torchvision_state_dict_round_trips_into_load_state_dict()
    {
        // MobileNetV2 (3.5M parameters, conv + batch norm with num_batches_tracked) with torchvision's
        // own random initialisation, made on the fly: nothing this size is committed.
        using var dir = new TempDirectory();
        var original = dir.File("mobilenet_v2.pth");
        var ours = dir.File("ours.pth");
        PyTorch.Run("""
            import sys, torch, torchvision
            torch.manual_seed(0)
            torch.save(torchvision.models.mobilenet_v2().state_dict(), sys.argv[1])
            """, original);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var dict = WeightsFile.Read(original);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        WeightsFile.Write(ours, dict);

        var fileSize = new FileInfo(original).Length;
        // Storages are streamed from the zip one at a time, so reading allocates about the tensors' size.
        Assert.InRange(allocated, fileSize / 2, fileSize * 5 / 4);
        Assert.Equal(314, dict.Count);
        var output = PyTorch.Run("""
            import sys, torch, torchvision
            model = torchvision.models.mobilenet_v2()
            print(model.load_state_dict(torch.load(sys.argv[1]), strict=True))
            reference = torchvision.models.mobilenet_v2()
            reference.load_state_dict(torch.load(sys.argv[2]))
            model.eval(); reference.eval()
            x = torch.randn(2, 3, 224, 224)
            with torch.no_grad():
                print(torch.equal(model(x), reference(x)))
            """, ours, original);
        Assert.Equal(["<All keys matched successfully>", "True"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
