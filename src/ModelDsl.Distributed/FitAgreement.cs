using System.Globalization;
using System.Text;
using ModelDsl.Training.Parallel;
using static TorchSharp.torch;
using Optimizer = TorchSharp.torch.optim.Optimizer;

namespace ModelDsl.Distributed;

/// <summary>
/// Checks at the start of a fit that every process trains the same model (names, shapes and types of its state,
/// as a fingerprint plus counts) on the same data (example counts) with the same settings, by gathering a few
/// numbers from each. A difference is reported on every process, naming the rank, the quantity and both values.
/// </summary>
internal static class FitAgreement
{
    private static readonly string[] Names =
    [
        "model layout fingerprint", "model state tensors", "model state values", "training examples", "validation examples",
        "global batch size", "epochs", "initial epoch", "shuffle seed", "shuffle", "optimizer type",
    ];

    public static long[] Facts(nn.Module<Tensor, Tensor> model, Optimizer optimizer, FitPlan plan)
    {
        var state = model.state_dict();
        var layout = new StringBuilder();
        long values = 0;
        foreach (var (name, t) in state)
        {
            layout.Append(name).Append(':').Append(t.dtype).Append(':').AppendJoin('x', t.shape).Append(';');
            values += t.numel();
        }
        return
        [
            Fingerprint(layout.ToString()), state.Count, values, plan.TrainCount, plan.ValidationCount ?? -1,
            plan.BatchSize, plan.Epochs, plan.InitialEpoch, plan.Seed, plan.Shuffle ? 1 : 0, Fingerprint(optimizer.GetType().FullName ?? ""),
        ];
    }

    /// <summary>Throws <see cref="RankMismatchException"/> when a rank's facts differ from rank 0's.</summary>
    public static void Check(long[] all, int worldSize)
    {
        var width = Names.Length;
        var problems = new List<string>();
        var first = -1;
        for (var rank = 1; rank < worldSize; rank++)
        {
            for (var f = 0; f < width; f++)
            {
                var mine = all[rank * width + f];
                var root = all[f];
                if (mine == root) continue;
                if (first < 0) first = rank;
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"rank {rank} has {Names[f]} {Show(f, mine)} where rank 0 has {Show(f, root)}"));
            }
        }
        if (problems.Count == 0) return;
        throw new RankMismatchException(first,
            "The processes of the data-parallel fit do not train the same thing: " + string.Join("; ", problems) +
            ". Every process must build the same model, read the same data and call Fit with the same arguments.");
    }

    private static string Show(int field, long value) => field switch
    {
        0 or 10 => "0x" + value.ToString("x16", CultureInfo.InvariantCulture),
        4 when value < 0 => "(none)",
        9 => value != 0 ? "true" : "false",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };

    /// <summary>FNV-1a over the UTF-8 text: stable across processes and machines (string.GetHashCode is not).</summary>
    private static long Fingerprint(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }
}
