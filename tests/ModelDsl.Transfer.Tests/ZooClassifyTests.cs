using System.Diagnostics;
using ModelDsl.Vision;

namespace ModelDsl.Transfer.Tests;

/// <summary>
/// The ClassifyFolder path without a download: a randomly initialised MobileNetV2 saved by torchvision
/// (the parity fixture) classifies generated PNGs, and PyTorch computes the same probabilities.
/// </summary>
public class ZooClassifyTests
{
    private const string TorchSide = """
        import sys, numpy as np, torch, torchvision
        from PIL import Image
        model = torchvision.models.mobilenet_v2()
        model.load_state_dict(torch.load(sys.argv[1]))
        model.eval()
        mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
        std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
        for path in sys.argv[2:]:
            x = torch.from_numpy(np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255).permute(2, 0, 1)
            with torch.no_grad():
                p = torch.softmax(model(((x - mean) / std).unsqueeze(0)), 1)[0]
            top = torch.topk(p, 3)
            print(" ".join(f"{i}:{v:.6f}" for v, i in zip(top.values.tolist(), top.indices.tolist())))
        """;

    [Fact]
    public void A_folder_of_images_gets_pytorchs_top_classes_from_torchvision_weights()
    {
        var dir = ParityFixtures.Ensure("mobilenet_v2");
        var folder = Path.Combine(Path.GetTempPath(), "mdsl-classify-" + Guid.NewGuid().ToString("N"), "pictures");
        Directory.CreateDirectory(folder);
        try
        {
            var random = new Random(7);
            var files = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                // 224x224 so no resampling is involved: the comparison checks weights, normalisation and forward.
                var pixels = new byte[224 * 224 * 3];
                random.NextBytes(pixels);
                var file = Path.Combine(folder, $"image{i}.png");
                ModelDsl.Vision.ImageWriter.WritePng(file, pixels, 224, 224, 3);
                files.Add(file);
            }
            using var model = Zoo.MobileNetV2(weights: Path.Combine(dir, "mobilenet_v2.pth"));
            var predictions = ImageClassifier.Classify(model, folder, PreprocessingMode.Torch, classNames: null, topK: 3);

            var expected = RunPython(TorchSide, [Path.Combine(dir, "mobilenet_v2.pth"), .. files]);
            Assert.Equal(3, predictions.Count);
            for (var i = 0; i < 3; i++)
            {
                var prediction = predictions.Single(p => Path.GetFileName(p.Path) == $"image{i}.png");
                var torch = expected[i].Split(' ').Select(t => t.Split(':')).Select(t => (Index: int.Parse(t[0]), P: float.Parse(t[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
                Assert.Equal(torch.Select(t => t.Index), prediction.Top.Select(t => t.Index));
                for (var k = 0; k < 3; k++) Assert.Equal(torch[k].P, prediction.Top[k].Probability, 1e-5f);
                Assert.All(prediction.Top, t => Assert.Null(t.Name));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public void A_missing_folder_is_reported_by_name()
    {
        using var model = Zoo.MnistConvNet();
        var error = Assert.ThrowsAny<Exception>(() => ImageClassifier.Classify(
            new ClassifierView(model, [3, 28, 28], true), "/nonexistent/pictures"));
        Assert.Contains("/nonexistent", error.Message);
    }

    private static string[] RunPython(string script, string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr.Result);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
