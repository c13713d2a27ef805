namespace TransferFashion;

/// <summary>Every choice of the experiment, fixed before looking at test accuracies (defaults = the example's recipe).</summary>
internal sealed record Recipe
{
    public required string BaseName { get; init; }
    public required int PretrainEpochs { get; init; }
    public required bool PretrainAugment { get; init; }
    public required string PretrainHead { get; init; }
    public required string Head { get; init; }
    public required int HeadEpochs { get; init; }
    public required double HeadLearningRate { get; init; }
    public required int FineTuneEpochs { get; init; }
    public required double FineTuneLearningRate { get; init; }
    public required bool SmallSetAugment { get; init; }
    public required double WeightDecay { get; init; }

    /// <summary>From scratch trains as many epochs as fine-tuning's two phases together, at the head's rate.</summary>
    public int ScratchEpochs => HeadEpochs + FineTuneEpochs;

    public static Recipe From(Options options) => new()
    {
        BaseName = options.Text("base", "vgg"),
        PretrainEpochs = options.Int("pretrain-epochs", 5),
        PretrainAugment = options.Bool("pretrain-augment", true),
        PretrainHead = options.Text("pretrain-head", "flatten > dropout(0.5) > dense(5, softmax)"),
        Head = options.Text("head", "flatten > dropout(0.5) > dense(5, softmax)"),
        HeadEpochs = options.Int("head-epochs", 30),
        HeadLearningRate = options.Double("head-lr", 1e-3),
        FineTuneEpochs = options.Int("fine-tune-epochs", 30),
        FineTuneLearningRate = options.Double("fine-tune-lr", 3e-4),
        SmallSetAugment = options.Bool("small-augment", false),
        WeightDecay = options.Double("weight-decay", 0),
    };
}
