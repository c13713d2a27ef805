using System.Collections.Concurrent;

namespace ModelDsl.Training.Data;

/// <summary>
/// Cuts a dataset into batches, reshuffled each epoch from a seed, and builds them ahead on a background
/// thread so loading overlaps the training step (PyTorch's <c>DataLoader</c> with one worker).
/// </summary>
/// <remarks>
/// Each batch handed out belongs to the consumer, who disposes it after use. Abandoning an epoch early
/// (breaking out of the loop) stops the worker and frees the batches it had prepared.
/// </remarks>
public sealed class DataLoader
{
    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The examples.</param>
    /// <param name="batchSize">Examples per batch.</param>
    /// <param name="shuffle">Visit examples in a new random order each epoch.</param>
    /// <param name="seed">Seed of the shuffle; the order of epoch e depends only on (seed, e).</param>
    /// <param name="dropLast">Skip the last batch when it is smaller than <paramref name="batchSize"/>.</param>
    /// <param name="prefetch">Batches prepared ahead by the background thread; 0 loads on the caller's thread.</param>
    /// <param name="shard">In a data-parallel fit, the part of each epoch's order this process visits; null visits all of it.</param>
    public DataLoader(IDataset dataset, int batchSize, bool shuffle = false, int seed = 0, bool dropLast = false, int prefetch = 2, DataShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(prefetch);
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Prefetch = prefetch;
        Shard = shard;
    }

    /// <summary>The examples.</summary>
    public IDataset Dataset { get; }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits examples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffle seed.</summary>
    public int Seed { get; }

    /// <summary>Whether a short last batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches prepared ahead.</summary>
    public int Prefetch { get; }

    /// <summary>The part of each epoch this loader visits in a data-parallel fit, or null for all of it.</summary>
    public DataShard? Shard { get; }

    /// <summary>Examples visited per epoch: the dataset, or this loader's shard of it.</summary>
    public int ExampleCount => Shard?.Length(Dataset.Count) ?? Dataset.Count;

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => DropLast ? ExampleCount / BatchSize : (ExampleCount + BatchSize - 1) / BatchSize;

    private static int EpochSeed(int seed, int epoch) => unchecked((int)(((uint)seed * 0x9E3779B1u) ^ ((uint)epoch * 0x85EBCA6Bu)));

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the examples.</summary>
    public int[] Order(int epoch)
    {
        var order = new int[Dataset.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        if (Shuffle)
        {
            // A fresh generator per epoch makes epoch e's order independent of how many epochs ran before,
            // so a resumed fit sees the same batches as an uninterrupted one. The seed mix must be the same
            // in every process (HashCode.Combine is randomised per process, which made "seeded" runs differ),
            // and seeded System.Random is specified to give the same sequence across runs.
            new Random(EpochSeed(Seed, epoch)).Shuffle(order);
        }
        return order;
    }

    /// <summary>
    /// The examples epoch <paramref name="epoch"/> visits, in order: <see cref="Order"/>, or this loader's
    /// <see cref="Shard"/> of it.
    /// </summary>
    public int[] Indices(int epoch)
    {
        var order = Order(epoch);
        return Shard is null ? order : Shard.Select(order);
    }

    /// <summary>The batches of epoch <paramref name="epoch"/>, in order; dispose each after use.</summary>
    public IEnumerable<Batch> Epoch(int epoch = 0)
    {
        var order = Indices(epoch);
        return Prefetch == 0 ? Sequential(order) : Prefetched(order);
    }

    private IEnumerable<Batch> Sequential(int[] order)
    {
        for (var b = 0; b < BatchCount; b++) yield return Load(order, b);
    }

    private Batch Load(int[] order, int batch)
    {
        var start = batch * BatchSize;
        var count = Math.Min(BatchSize, order.Length - start);
        return Dataset.GetBatch(order.AsSpan(start, count));
    }

    private IEnumerable<Batch> Prefetched(int[] order)
    {
        using var queue = new BlockingCollection<Batch>(Prefetch);
        using var cancel = new CancellationTokenSource();
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                for (var b = 0; b < BatchCount; b++)
                {
                    var batch = Load(order, b);
                    try
                    {
                        queue.Add(batch, cancel.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        batch.Dispose();
                        return;
                    }
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "DataLoader prefetch" };
        worker.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                yield return batch;
            }
            worker.Join();
            if (failure is not null)
            {
                // Rethrown as is (a bad file stays an InvalidDataException naming the file), with the worker's stack.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
        finally
        {
            // Reached early when the consumer stops: stop the worker and free what it prepared.
            cancel.Cancel();
            worker.Join();
            while (queue.TryTake(out var left)) left.Dispose();
        }
    }
}
