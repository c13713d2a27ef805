// Transfer learning on Fashion-MNIST with no download: pretrain the seed convnet on classes 0-4
// (T-shirt, Trouser, Pullover, Dress, Coat), then learn classes 5-9 (Sandal, Shirt, Sneaker, Bag,
// Ankle boot) from only 50 labelled images per class, three ways on the same small set:
//   feature extraction (frozen pretrained base, cached features, new head),
//   fine-tuning (new head first, then the base's last conv unfrozen at a low learning rate),
//   training the same network from scratch.
// Accuracies are on the full test set of classes 5-9 (5,000 images).
using System.Diagnostics;
using ModelDsl.Torch;
using ModelDsl.Training;
using ModelDsl.Training.Data;
using ModelDsl.Transfer;
using TransferFashion;

var dir = args.Length > 0 ? args[0] : MnistDataSet.DebianFashionMnistDirectory;
var perClass = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50;
var clock = Stopwatch.StartNew();
var fashion = MnistDataSet.Load(dir);
var pretrainSet = new ClassSubset(fashion.Train, firstClass: 0, classCount: 5);
var pretrainTest = new ClassSubset(fashion.Test, firstClass: 0, classCount: 5);
var smallTrain = new ClassSubset(fashion.Train, firstClass: 5, classCount: 5, perClass: perClass, seed: 42);
var newTest = new ClassSubset(fashion.Test, firstClass: 5, classCount: 5);
Console.WriteLine($"Pretraining on classes 0-4: {pretrainSet.Count} images; transfer to classes 5-9: {smallTrain.Count} labelled images, {newTest.Count} test images.");

// The seed convnet's convolutional base is transferred; the head (the seed's Flatten/Dense(64) with
// dropout against overfitting 250 images, and a 5-class softmax) is new in every variant.
// (Transferring the pretrained Dense(64) too was measured worse: 79.7 % with feature extraction —
// that layer is specific to the old classes.)
const string Head = "flatten > dense(64, relu) > dropout(0.5) > dense(5, softmax)";
var quiet = new TransferTrainingOptions { Verbose = 0, BatchSize = 32 };

// 1. Pretrain the seed convnet (its base with a 5-class head) on classes 0-4.
using var pretrained = TransferModel.WithHead(Zoo.MnistConvNet(includeTop: false), Head);
using (var optimizer = new ModelDsl.Torch.Optim.RmsProp(pretrained.Parameters(), 0.001))
using (var trainer = new Trainer(pretrained, optimizer, new ModelDsl.Training.Losses.SparseCategoricalCrossEntropy(), new ModelDsl.Training.Metrics.Accuracy()))
{
    trainer.Fit(pretrainSet, epochs: 3, batchSize: 64, verbose: 2);
    Console.WriteLine($"Pretrained seed convnet: accuracy {Accuracy(pretrained, pretrainTest):P2} on the test images of classes 0-4 ({clock.Elapsed.TotalSeconds:F0} s)");
}
var baseWeights = pretrained.Base.StateDict();

// 2. Feature extraction: the base runs once over the 250 images; only the head trains.
using var extraction = TransferModel.WithHead(PretrainedBase(), Head);
TransferWorkflows.FeatureExtraction(extraction, smallTrain, epochs: 60, learningRate: 1e-3, quiet);
var featureAccuracy = Accuracy(extraction, newTest);
Console.WriteLine($"Feature extraction: {featureAccuracy:P2} ({clock.Elapsed.TotalSeconds:F0} s)");

// 3. Fine-tuning: head first with the base frozen, then the base's last conv too at a 10x lower rate.
using var fineTuned = TransferModel.WithHead(PretrainedBase(), Head);
TransferWorkflows.FineTune(fineTuned, smallTrain, headEpochs: 30, headLearningRate: 1e-3, unfreezeTopLayers: 1, fineTuneEpochs: 30,
    fineTuneLearningRate: 1e-4, quiet);
var fineTuneAccuracy = Accuracy(fineTuned, newTest);
Console.WriteLine($"Fine-tuning: {fineTuneAccuracy:P2} ({clock.Elapsed.TotalSeconds:F0} s)");

// 4. From scratch: the same network, randomly initialised, trained on the same 250 images.
using var scratch = TransferModel.WithHead(Zoo.MnistConvNet(includeTop: false), Head);
using (var optimizer = new ModelDsl.Torch.Optim.Adam(scratch.Parameters(), 1e-3))
using (var trainer = new Trainer(scratch, optimizer, new ModelDsl.Training.Losses.SparseCategoricalCrossEntropy(), new ModelDsl.Training.Metrics.Accuracy()))
{
    trainer.Fit(smallTrain, epochs: 60, batchSize: 32, verbose: 0);
}
var scratchAccuracy = Accuracy(scratch, newTest);
Console.WriteLine($"From scratch: {scratchAccuracy:P2} ({clock.Elapsed.TotalSeconds:F0} s)");

Console.WriteLine();
Console.WriteLine($"Test accuracy on classes 5-9 with {perClass} labelled images per class:");
Console.WriteLine($"  feature extraction  {featureAccuracy:P2}");
Console.WriteLine($"  fine-tuning         {fineTuneAccuracy:P2}");
Console.WriteLine($"  from scratch        {scratchAccuracy:P2}");
Console.WriteLine($"Total time {clock.Elapsed.TotalSeconds:F0} s");

TransferModule PretrainedBase()
{
    var model = Zoo.MnistConvNet(includeTop: false);
    model.LoadStateDict(baseWeights);
    return model;
}

static double Accuracy(ModelDsl.Torch.Nn.Module model, IDataset data)
{
    model.Eval();
    long correct = 0;
    using var noGrad = NoGradScope.Begin();
    foreach (var batch in new DataLoader(data, 500).Epoch())
    {
        using (batch)
        using (DisposeScope.Begin())
        {
            var predicted = model.Forward(batch.Inputs).Argmax(1);
            correct += (long)predicted.Eq(batch.Targets).To(DType.Int64).Sum().ToScalar();
        }
    }
    return (double)correct / data.Count;
}
