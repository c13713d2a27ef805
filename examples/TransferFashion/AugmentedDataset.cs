using ModelDsl.Training.Data;
using ModelDsl.Vision;
using ModelDsl.Vision.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TransferFashion;

/// <summary>
/// A dataset whose batches pass through random image layers (training mode) as they are loaded, so every
/// epoch sees differently shifted, rotated, zoomed and flipped images. Doing it in the data pipeline rather
/// than in the model lets the same seeded augmentation feed pretraining, fine-tuning and training from scratch.
/// </summary>
internal sealed class AugmentedDataset : IDataset, IDisposable
{
    private readonly IDataset source;
    private readonly Sequential augment;

    /// <summary>Wraps <paramref name="source"/>; <paramref name="seed"/> fixes the random transforms.</summary>
    public AugmentedDataset(IDataset source, int seed)
    {
        this.source = source;
        // Small moves a garment or shoe can make in a photo; horizontal flips keep every class what it is.
        // Fashion-MNIST has a black background, so pixels from outside the image are filled with 0.
        augment = nn.Sequential(
            new RandomFlip(horizontal: true, vertical: false, seed: seed),
            new RandomRotation(0.03, FillMode.Constant, seed: seed + 1),
            new RandomZoom(0.1, fillMode: FillMode.Constant, seed: seed + 2),
            new RandomTranslation(0.1, 0.1, FillMode.Constant, seed: seed + 3));
        augment.train();
    }

    public int Count => source.Count;

    public Batch GetBatch(ReadOnlySpan<int> indices)
    {
        var batch = source.GetBatch(indices);
        using var noGrad = no_grad();
        // Batches cross threads, so the augmented images belong to no dispose scope.
        var images = augment.call(batch.Inputs).DetachFromDisposeScope();
        batch.Inputs.Dispose();
        return new Batch(images, batch.Targets);
    }

    public void Dispose() => augment.Dispose();
}
