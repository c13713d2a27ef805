using ModelDsl.Training.Data;
using ModelDsl.Vision.Tests.Support;

namespace ModelDsl.Vision.Tests;

public sealed class LoaderIntegrationTests
{
    [Fact]
    public void Data_loader_prefetching_in_the_background_visits_every_image_once_with_its_label()
    {
        using var tmp = TempFolder.WithClasses(("a", 9), ("b", 8));
        var data = new ImageFolderDataset(tmp.Root, new ImageFolderOptions { TargetSize = new(6, 8), ClassMode = ClassMode.Sparse });
        var loader = new DataLoader(data, batchSize: 5, shuffle: true, seed: 3, prefetch: 2);

        var seen = new List<(float Red, long Label)>();
        foreach (var batch in loader.Epoch(0))
        {
            using (batch)
            {
                var x = batch.Inputs.Floats();
                var y = batch.Targets.Longs();
                for (var i = 0; i < batch.Size; i++) seen.Add((x[i * 3 * 6 * 8], y[i]));
            }
        }

        // The red value written for (class c, image i) is c*50 + i, so it identifies each image and its class.
        var expected = Enumerable.Range(0, 9).Select(i => ((float)i, 0L)).Concat(Enumerable.Range(0, 8).Select(i => ((float)(50 + i), 1L)));
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Fact]
    public void Concurrent_batches_from_several_threads_stay_correct()
    {
        using var tmp = TempFolder.WithClasses(("a", 20), ("b", 20));
        var data = new ImageFolderDataset(tmp.Root, new ImageFolderOptions { TargetSize = new(6, 8), ClassMode = ClassMode.Sparse, DecodeThreads = 2 });

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var indices = Enumerable.Range(0, 40).Where(i => i % 8 == t).ToArray();
            using var batch = data.GetBatch(indices);
            var x = batch.Inputs.Floats();
            for (var n = 0; n < indices.Length; n++)
            {
                var entry = data.Images[indices[n]];
                var number = int.Parse(Path.GetFileNameWithoutExtension(entry.Path)[3..]);
                Assert.Equal(entry.Label * 50 + number, x[n * 3 * 6 * 8]);
            }
        });
    }
}
