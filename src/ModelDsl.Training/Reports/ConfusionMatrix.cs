namespace ModelDsl.Training.Reports;

/// <summary>Counts of (true class, predicted class) pairs for a classifier.</summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] counts;

    /// <summary>Creates an empty matrix over <paramref name="classNames"/>.</summary>
    public ConfusionMatrix(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0) throw new ArgumentException("A confusion matrix needs at least one class.", nameof(classNames));
        ClassNames = classNames;
        counts = new long[classNames.Count, classNames.Count];
    }

    /// <summary>The class names, in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes.</summary>
    public int Classes => ClassNames.Count;

    /// <summary>How many examples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>Total examples counted.</summary>
    public long Total { get; private set; }

    /// <summary>Fraction of examples on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            long hits = 0;
            for (var c = 0; c < Classes; c++) hits += counts[c, c];
            return Total == 0 ? double.NaN : (double)hits / Total;
        }
    }

    /// <summary>Counts one example.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside [0, Classes).</exception>
    public void Add(int actual, int predicted)
    {
        if ((uint)actual >= (uint)Classes || (uint)predicted >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(actual), $"Classes must be in [0, {Classes}); got true class {actual}, predicted {predicted}.");
        }
        counts[actual, predicted]++;
        Total++;
    }

    /// <summary>The counts as rows (true class) of columns (predicted class).</summary>
    public long[][] ToRows()
    {
        var rows = new long[Classes][];
        for (var a = 0; a < Classes; a++)
        {
            rows[a] = new long[Classes];
            for (var p = 0; p < Classes; p++) rows[a][p] = counts[a, p];
        }
        return rows;
    }
}
