// Transfer learning on Fashion-MNIST with no download: pretrain a small VGG-style convnet on classes 0-4
// (T-shirt, Trouser, Pullover, Dress, Coat; all 30,000 training images, augmented), then learn classes 5-9
// (Sandal, Shirt, Sneaker, Bag, Ankle boot) from only 50 (and 10) labelled images per class, three ways on
// the same small set:
//   feature extraction (frozen pretrained base, cached features, new head),
//   fine-tuning (new head first, then the whole base unfrozen at a lower learning rate),
//   training the same network from scratch (as many epochs as fine-tuning's two phases together).
// Each small set is a random draw; every method runs on the same fixed draws (seeds fixed in advance)
// and the report gives mean ± std and the paired difference transfer − scratch per draw.
// Accuracies are on all 5,000 test images of classes 5-9; `--eval validation` reports instead on 500
// held-out training images per class (never in a small set), which is what the recipe was chosen on.
using System.Diagnostics;
using ModelDsl.Training.Data;
using ModelDsl.Transfer;
using ModelDsl.Transfer.Weights;
using TransferFashion;
using static TorchSharp.torch;

var options = new Options(args);
if (options.Int("threads", 0) is > 0 and var threads) set_num_threads(threads);
var dir = options.Text("data", MnistDataSet.DebianFashionMnistDirectory);
var perClassList = options.Ints("per-class", "50,10");
var draws = options.Int("draws", 5);
var evaluateOn = options.Text("eval", "test");
var recipe = Recipe.From(options);
var pretrainedFile = options.Text("pretrained", "");
if (options.Unused.FirstOrDefault() is { } unknown) throw new ArgumentException($"Unknown option --{unknown} (see README.md).");
if (evaluateOn is not ("test" or "validation")) throw new ArgumentException("--eval is test or validation.");

const int Seed = 42;
var clock = Stopwatch.StartNew();
manual_seed(Seed);
var fashion = MnistDataSet.Load(dir);
var pretrainSet = ClassSubset.AllOf(fashion.Train, firstClass: 0, classCount: 5);
var pretrainTest = ClassSubset.AllOf(fashion.Test, firstClass: 0, classCount: 5);

// The training images of classes 5-9: a fixed 500 per class are held out for choosing the recipe,
// and the small sets are drawn from the rest.
var random = new Random(Seed);
var shuffled = ClassSubset.IndicesOf(fashion.Train, firstClass: 5, classCount: 5).Select(pool => pool.OrderBy(_ => random.Next()).ToArray()).ToArray();
var validation = new ClassSubset(fashion.Train, shuffled.SelectMany(pool => pool.Take(500)), firstClass: 5);
var pools = shuffled.Select(pool => pool[500..]).ToArray();
IDataset evaluation = evaluateOn == "test" ? ClassSubset.AllOf(fashion.Test, firstClass: 5, classCount: 5) : validation;
Console.WriteLine($"{recipe}");
Console.WriteLine($"Pretraining on classes 0-4: {pretrainSet.Count} images, {recipe.PretrainEpochs} epochs; " +
    $"transfer to classes 5-9, evaluated on {evaluation.Count} {evaluateOn} images.");

// 1. Pretrain on classes 0-4; only the base's weights are transferred, the head is new in every method.
// `--pretrained FILE` keeps the pretrained base (loaded if the file exists, else written), so trying
// small-set recipes does not repeat the pretraining; the file must come from the same base and recipe.
using var pretrainedBase = FashionNets.Base(recipe.BaseName);
if (pretrainedFile.Length > 0 && File.Exists(pretrainedFile))
{
    WeightsLoader.Load(pretrainedBase, pretrainedFile);
    Console.WriteLine($"Pretrained {recipe.BaseName} base loaded from {pretrainedFile}");
}
else
{
    using var pretrained = Methods.Pretrain(recipe, pretrainSet, Seed);
    Console.WriteLine($"Pretrained {recipe.BaseName} base: accuracy {Methods.Evaluate(pretrained, pretrainTest):P2} on the test images of classes 0-4 ({clock.Elapsed.TotalSeconds:F0} s)");
    pretrainedBase.load_state_dict(pretrained.Base.state_dict());
    if (pretrainedFile.Length > 0) WeightsLoader.Save(pretrainedBase, pretrainedFile);
}
var baseWeights = pretrainedBase.state_dict();
var methods = new Methods(recipe, baseWeights);

// 2. The three methods on the same fixed draws of the small set.
var results = new List<DrawResult>();
foreach (var perClass in perClassList)
{
    for (var d = 0; d < draws; d++)
    {
        var seed = Seed + d;
        var small = new ClassSubset(fashion.Train, ClassSubset.Draw(pools, perClass, seed), firstClass: 5);
        results.Add(new DrawResult(perClass, seed, Run(() => methods.FeatureExtraction(small, seed)),
            Run(() => methods.FineTune(small, seed)), Run(() => methods.Scratch(small, seed))));
        var r = results[^1];
        Console.WriteLine($"{perClass} per class, draw {seed}: feature extraction {r.Feature:P2}, fine-tuning {r.FineTune:P2}, scratch {r.Scratch:P2} ({clock.Elapsed.TotalSeconds:F0} s)");

        // Each method starts from the same random state, so its result does not depend on what ran before.
        double Run(Func<TransferModel> train)
        {
            manual_seed(seed);
            using var model = train();
            return Methods.Evaluate(model, evaluation);
        }
    }
}
Report.Print(results, evaluateOn == "test" ? "the 5,000 test images of classes 5-9" : "500 held-out training images per class of classes 5-9");
Console.WriteLine($"Total time {clock.Elapsed.TotalSeconds:F0} s");
