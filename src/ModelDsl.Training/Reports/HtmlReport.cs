using System.Net;
using System.Reflection;
using System.Text.Json;

namespace ModelDsl.Training.Reports;

/// <summary>
/// A self-contained HTML report of a fit: loss and accuracy curves per epoch (training and validation) and
/// a confusion matrix with class names, drawn as inline SVG by an embedded script from embedded JSON — no
/// external files or network. When drawing has finished the script sets <c>data-charts-drawn</c> on
/// <c>&lt;body&gt;</c> to the number of charts drawn, so a headless browser can check the result.
/// </summary>
public sealed class HtmlReport
{
    /// <summary>The page title.</summary>
    public string Title { get; init; } = "Training report";

    /// <summary>Per-epoch values of the fit.</summary>
    public required History History { get; init; }

    /// <summary>The test-set confusion matrix, if evaluated.</summary>
    public ConfusionMatrix? Confusion { get; init; }

    /// <summary>Final values to list (e.g. test loss and accuracy).</summary>
    public IReadOnlyDictionary<string, double> FinalMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The model summary table, shown preformatted.</summary>
    public string? ModelSummary { get; init; }

    /// <summary>Renders the page.</summary>
    public string Render()
    {
        var series = History.Keys.ToDictionary(k => k, k => History[k].Select(v => double.IsFinite(v) ? (double?)v : null).ToArray());
        var data = new
        {
            epochs = History.Epochs.Select(e => e + 1).ToArray(),
            series,
            confusion = Confusion is null ? null : new { classes = Confusion.ClassNames, rows = Confusion.ToRows() },
        };
        var json = JsonSerializer.Serialize(data).Replace("</", "<\\/", StringComparison.Ordinal);
        var finals = string.Join("", FinalMetrics.Select(kv =>
            $"<tr><th>{WebUtility.HtmlEncode(kv.Key)}</th><td>{kv.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}</td></tr>"));
        return Template()
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(Title), StringComparison.Ordinal)
            .Replace("{{FINALS}}", finals, StringComparison.Ordinal)
            .Replace("{{SUMMARY}}", ModelSummary is null ? "" : $"<h2>Model</h2><pre>{WebUtility.HtmlEncode(ModelSummary)}</pre>", StringComparison.Ordinal)
            .Replace("{{DATA}}", json, StringComparison.Ordinal);
    }

    /// <summary>Writes the page to <paramref name="path"/> (creating its directory).</summary>
    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, Render());
    }

    private static string Template()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ModelDsl.Training.Reports.report.html")
            ?? throw new InvalidOperationException("The report template resource is missing from ModelDsl.Training.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
