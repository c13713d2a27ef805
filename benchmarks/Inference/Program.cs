// Inference benchmarks (issue 12): ModelDsl's prepared inference path against the same networks in TorchSharp.
//   mnist   predict over the 10,000 Fashion-MNIST test images with the seed convnet: ModelDsl's Trainer.Predict on
//           the main job's generated FashionConvNet (examples/FashionMnist; its inference plan through the graph the
//           generator emits; variant `zoo`: the zoo MnistConvNet built at run time) vs the hand-written TorchSharp
//           Sequential in eval under no_grad
//   resnet50 / mobilenet_v2   batch 8, 3x224x224: the zoo model's plan vs TorchVision's TorchSharp model (eval,
//           no_grad) with the same weights; outputs compared (max |difference| must stay within 1e-4)
// Both sides run in one process, alternating, the order swapping every round. Usage:
//   Inference BENCH [ROUNDS] [THREADS] [variant...]   variants: nofold, nchw, nokernels, eager (ModelDsl without plan),
//                                                     zoo (mnist: the zoo MnistConvNet instead of the generated model)
using System.Globalization;
using ModelDsl.Benchmarks;
using ModelDsl.Benchmarks.Inference;
using ModelDsl.Runtime.Inference;
using ModelDsl.Runtime.Spec;
using ModelDsl.Training;
using ModelDsl.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

var bench = args.Length > 0 ? args[0] : "mnist";
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
var variants = args.Skip(3).ToHashSet(StringComparer.Ordinal);
var dataDir = Environment.GetEnvironmentVariable("FASHION_MNIST_DIR") ?? "/usr/share/datasets/fashion-mnist";
torch.set_num_threads(threads);
torch.manual_seed(1);
var options = new InferenceOptions
{
    FoldBatchNorm = !variants.Contains("nofold"),
    ChannelsLast = !variants.Contains("nchw"),
    FusedKernels = !variants.Contains("nokernels"),
};
var eager = variants.Contains("eager");
Console.WriteLine($"# {bench}, {rounds} rounds, {torch.get_num_threads()} threads, options {options}{(eager ? ", eager ModelDsl forward" : "")}, load {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine(Rounds.Header);

switch (bench)
{
    case "mnist":
        Mnist();
        break;
    case "probe":
        Probe();
        break;
    case "resnet50":
    case "mobilenet_v2":
        Vision(bench);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{bench}': mnist, resnet50 or mobilenet_v2");
        return 2;
}
return 0;

void Mnist()
{
    using var images = IdxTensors.Images(Path.Combine(dataDir, "t10k-images-idx3-ubyte.gz"));
    using var labels = IdxTensors.Labels(Path.Combine(dataDir, "t10k-labels-idx1-ubyte.gz"));
    const int batch = 500;
    // The main job's model type as the generator emits it (a [Model] class), or the same network built from the zoo spec.
    using nn.Module<Tensor, Tensor> ours = variants.Contains("zoo") ? SpecModule.FromZoo("MnistConvNet", classes: 10) : new FashionMnist.FashionConvNet();
    using var theirs = HandWrittenConvNet.Create();
    // The same weights on both sides, so the predictions can be compared.
    CopyWeights(theirs, ours);
    theirs.eval();
    using var data = new TensorDataset(images, labels);
    using var trainer = new Trainer(ours, "rmsprop", "sparse_categorical_crossentropy") { UseInferencePath = !eager };
    ours.eval();
    // The plan Trainer.Predict runs (it asks with the default options: the nofold/nchw/nokernels variants do not reach it).
    var plan = eager ? null : InferencePath.For(ours);
    Console.WriteLine($"ModelDsl side: {ours.GetType().Name}, {(plan is null ? "its own forward (no plan)" : $"inference plan of {plan.StepCount} steps")}");
    Tensor? oursOut = null, theirsOut = null;
    void RunOurs()
    {
        oursOut?.Dispose();
        oursOut = trainer.Predict(data, batch);
    }
    void RunTheirs()
    {
        theirsOut?.Dispose();
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        using (no_grad())
        {
            for (long i = 0; i < images.shape[0]; i += batch)
            {
                parts.Add(nn.functional.softmax(theirs.forward(images.narrow(0, i, Math.Min(batch, images.shape[0] - i))), 1));
            }
        }
        theirsOut = cat(parts, 0).MoveToOuterDisposeScope();
    }
    RunOurs();
    RunTheirs();
    var (a, b) = Rounds.Alternate(rounds, RunOurs, RunTheirs);
    Console.WriteLine(Rounds.Row("predict 10k Fashion-MNIST (batch 500)", a, b, "ms", 1000));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |difference| of the probabilities: {(oursOut! - theirsOut!).abs().max().item<float>():E2}"));
}

// Where the seed convnet's time goes: one conv layer with the module's parameter vs a detached copy of it.
void Probe()
{
    using var conv = nn.Conv2d(32, 64, 3);
    using var x = randn(500, 32, 13, 13);
    using var w = conv.weight.detach().clone();
    using var b = conv.bias!.detach().clone();
    void Param() { using var noGrad = no_grad(); for (var i = 0; i < 5; i++) nn.functional.conv2d(x, conv.weight, conv.bias).Dispose(); }
    void Copy() { using var noGrad = no_grad(); for (var i = 0; i < 5; i++) nn.functional.conv2d(x, w, b).Dispose(); }
    void Module() { using var noGrad = no_grad(); for (var i = 0; i < 5; i++) conv.call(x).Dispose(); }
    Param(); Copy();
    var (a, c) = Rounds.Alternate(rounds, Copy, Param);
    Console.WriteLine(Rounds.Row("conv2d copy (ours) vs parameter", a, c, "ms", 1000));
    var (d, e) = Rounds.Alternate(rounds, Copy, Module);
    Console.WriteLine(Rounds.Row("conv2d copy (ours) vs module call", d, e, "ms", 1000));
}

void Vision(string name)
{
    using nn.Module<Tensor, Tensor> theirs = name == "resnet50" ? torchvision.models.resnet50() : torchvision.models.mobilenet_v2();
    using var ours = SpecModule.FromZoo(name == "resnet50" ? "ResNet50" : "MobileNetV2");
    RandomiseStatistics(theirs);
    ours.load_state_dict(theirs.state_dict(), strict: true);
    theirs.eval();
    ours.eval();
    using var x = randn(8, 3, 224, 224, generator: new Generator(5));
    Tensor? oursOut = null, theirsOut = null;
    void RunOurs()
    {
        oursOut?.Dispose();
        if (eager)
        {
            using var noGrad = no_grad();
            oursOut = ours.ForwardLogits(x);
            return;
        }
        // The cache lookup (weight digest) is part of every call, as for a user calling it per batch.
        oursOut = InferencePath.For(ours, options)!.ForwardLogits(x);
    }
    void RunTheirs()
    {
        theirsOut?.Dispose();
        using var noGrad = no_grad();
        theirsOut = theirs.call(x);
    }
    RunOurs();
    RunTheirs();
    var (a, b) = Rounds.Alternate(rounds, RunOurs, RunTheirs);
    Console.WriteLine(Rounds.Row($"{name} batch 8 forward", a, b, "ms", 1000));
    // Within 1e-4 of max(1, largest logit): absolute for logits of order 1, relative for the hundreds that random
    // BatchNorm statistics produce (float32's spacing there is ~3e-5).
    var diff = (oursOut! - theirsOut!).abs().max().item<float>();
    var scale = Math.Max(1, theirsOut!.abs().max().item<float>());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"max |difference| of the logits: {diff:E2}, max |logit| {scale:F1}: {diff / scale:E2} of it (limit 1e-4){(diff <= 1e-4 * scale ? "" : "  EXCEEDED")}"));
}

// Both networks declare the same parameters in the same order (conv, conv, conv, dense, dense; weight then bias).
static void CopyWeights(nn.Module from, nn.Module to)
{
    using var noGrad = no_grad();
    foreach (var (source, target) in from.parameters().Zip(to.parameters())) target.copy_(source);
}

static void RandomiseStatistics(nn.Module model)
{
    var g = new Generator(11);
    using var noGrad = no_grad();
    foreach (var (key, t) in model.state_dict())
    {
        if (key.EndsWith(".running_mean", StringComparison.Ordinal)) t.copy_(randn(t.shape, generator: g) * 0.1);
        else if (key.EndsWith(".running_var", StringComparison.Ordinal)) t.copy_(rand(t.shape, generator: g) + 0.5);
    }
}
