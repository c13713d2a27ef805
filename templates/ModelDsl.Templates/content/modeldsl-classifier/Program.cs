using ModelDsl.Training;
using ModelDsl.Training.Data;
using ModelDslClassifier;
using TorchSharp;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(TrainOptions.Usage);
    return 0;
}
TrainOptions options;
try
{
    options = TrainOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(TrainOptions.Usage);
    return 2;
}

try
{
    // Fashion-MNIST: --data DIR, else Debian's dataset-fashion-mnist, else Keras's files downloaded once and verified.
    var data = FashionMnist.Load(options.DataDirectory, TargetEncoding.OneHot);
    var train = options.Limit is { } limit ? data.Train.Take(limit) : data.Train;
    var test = options.Limit is { } testLimit ? data.Test.Take(testLimit) : data.Test;
    Console.WriteLine($"{train.Count:N0} training and {test.Count:N0} test images, classes: {string.Join(", ", data.ClassNames)}");

    torch.manual_seed(options.Seed);
    using var model = new Classifier();
    Console.WriteLine(Classifier.SummaryText); // computed at build time by ModelDsl

    // Keras's compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"]) and fit(...).
    using var trainer = new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy");
    trainer.Fit(train, epochs: options.Epochs, batchSize: options.BatchSize, validationSplit: 0.1, seed: options.Seed);

    var result = trainer.Evaluate(test, batchSize: 500);
    model.save("classifier.pt");
    Console.WriteLine($"Test loss: {result["loss"]:F4}");
    Console.WriteLine($"Test accuracy: {result["accuracy"]:F4}");
    Console.WriteLine("Weights saved to classifier.pt.");
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
