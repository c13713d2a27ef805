using System.Globalization;

namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Appends one row per epoch (<c>epoch</c> then every logged value) to a CSV file (Keras's <c>CSVLogger</c>).
/// Each row is flushed, so a killed process keeps every completed epoch.
/// </summary>
/// <param name="path">The CSV file.</param>
/// <param name="separator">The field separator.</param>
/// <param name="append">Keep existing rows (for a resumed fit) instead of starting a new file.</param>
public sealed class CsvLogger(string path, char separator = ',', bool append = false) : Callback
{
    private StreamWriter? writer;
    private string[]? columns;

    /// <summary>The CSV file.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <inheritdoc />
    public override bool WritesOutput => true;

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var existing = append && File.Exists(Path) && new FileInfo(Path).Length > 0;
        columns = existing ? File.ReadLines(Path).First().Split(separator).Skip(1).ToArray() : null;
        writer = new StreamWriter(Path, append);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (writer is null) return;
        if (columns is null)
        {
            columns = logs.Keys.ToArray();
            writer.WriteLine(string.Join(separator, columns.Prepend("epoch")));
        }
        var fields = columns.Select(c => logs.TryGetValue(c, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "");
        writer.WriteLine(string.Join(separator, fields.Prepend(epoch.ToString(CultureInfo.InvariantCulture))));
        writer.Flush();
    }

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs)
    {
        writer?.Dispose();
        writer = null;
    }
}
