using System.Diagnostics;
using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Tests;

/// <summary>
/// The zoo models give torchvision's logits when they load a state_dict exactly as torch.save wrote it.
/// Fixtures: Fixtures/Parity/make_parity.py writes artifacts/parity/ (not committed: VGG16 alone is 528 MB)
/// the first time; later runs reuse the files.
/// </summary>
public class TorchvisionParityTests
{
    // float32 sums over up to 25k-term dot products in a different order than PyTorch's: 1e-4 absolute.
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("vgg16")]
    [InlineData("resnet50")]
    [InlineData("mobilenet_v2")]
    public void Logits_equal_torchvision_with_the_same_pth(string arch)
    {
        var dir = ParityFixtures.Ensure(arch);
        using var model = Build(arch, Path.Combine(dir, arch + ".pth"));
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = ParityFixtures.Inputs(dir);
        var logits = model.ForwardLogits(x).Floats();
        var expected = ParityFixtures.ReadFloats(Path.Combine(dir, arch + ".logits.bin"));
        Assert.Equal(expected.Length, logits.Length);
        var maxDiff = expected.Zip(logits, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= Tolerance, $"{arch}: max |logit difference| {maxDiff:E2} > {Tolerance:E0}");
        Assert.True(expected.Select(Math.Abs).Max() > 1e-3, "The fixture's logits are not trivially zero.");
    }

    [Fact]
    public void TorchSharps_own_TorchVision_models_load_the_same_pth_strictly_and_give_torchvisions_logits()
    {
        // Our reader serves any TorchSharp module whose state_dict keys are PyTorch's, not only the zoo's.
        var dir = ParityFixtures.Ensure("resnet50");
        using var model = TorchSharp.torchvision.models.resnet50();
        var report = WeightsLoader.Load(model, Path.Combine(dir, "resnet50.pth"));
        Assert.True(report.IsComplete, report.ToString());
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.call(ParityFixtures.Inputs(dir)).Floats();
        var expected = ParityFixtures.ReadFloats(Path.Combine(dir, "resnet50.logits.bin"));
        var maxDiff = expected.Zip(logits, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= Tolerance, $"TorchVision resnet50: max |logit difference| {maxDiff:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void Weights_saved_by_ModelDsl_load_strictly_into_torchvision_and_give_the_same_outputs()
    {
        var dir = ParityFixtures.Ensure("mobilenet_v2");
        var tmp = Path.Combine(Path.GetTempPath(), "mdsl-roundtrip-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tmp);
        try
        {
            // Fresh ModelDsl weights (not the torchvision ones), with BatchNorm statistics moved by training-mode passes.
            using var model = Zoo.MobileNetV2();
            using (NewDisposeScope())
            using (no_grad())
            {
                model.train();
                model.call(randn(4, 3, 224, 224));
                model.eval();
            }
            var pth = Path.Combine(tmp, "mobilenet_v2.modeldsl.pth");
            WeightsLoader.Save(model, pth);
            var outPath = Path.Combine(tmp, "torch.logits.bin");
            ParityFixtures.RunScript("forward", "mobilenet_v2", pth, Path.Combine(dir, "inputs.bin"), outPath);

            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var ours = model.ForwardLogits(ParityFixtures.Inputs(dir)).Floats();
            var theirs = ParityFixtures.ReadFloats(outPath);
            var maxDiff = theirs.Zip(ours, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff <= Tolerance, $"round trip: max |logit difference| {maxDiff:E2}");
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
    }

    private static TransferModule Build(string arch, string pth) => arch switch
    {
        "vgg16" => Zoo.Vgg16(weights: pth),
        "resnet50" => Zoo.ResNet50(weights: pth),
        _ => Zoo.MobileNetV2(weights: pth),
    };
}

/// <summary>Locates, creates and reads the parity fixtures under artifacts/parity/.</summary>
internal static class ParityFixtures
{
    private static readonly object Gate = new();

    public static string Directory => Path.Combine(Repository.Root(), "artifacts", "parity");

    public static string Ensure(string arch)
    {
        lock (Gate)
        {
            var dir = Directory;
            if (!File.Exists(Path.Combine(dir, arch + ".pth")) || !File.Exists(Path.Combine(dir, arch + ".logits.bin")))
            {
                RunScript("make", dir, arch);
            }
            return dir;
        }
    }

    public static Tensor Inputs(string dir) => tensor(ReadFloats(Path.Combine(dir, "inputs.bin")), new long[] { 2, 3, 224, 224 });

    public static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, floats.Length * 4);
        return floats;
    }

    public static void RunScript(params string[] args)
    {
        var script = Path.Combine(Repository.Root(), "tests", "ModelDsl.Transfer.Tests", "Fixtures", "Parity", "make_parity.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start /usr/bin/python3.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) throw new TimeoutException("make_parity.py took more than 5 minutes.");
        if (process.ExitCode != 0) throw new InvalidOperationException($"make_parity.py {string.Join(' ', args)} failed:\n{stderr.Result}");
    }
}
