namespace ModelDsl.Transfer.Weights;

/// <summary>
/// A strict load found keys or shapes that do not match the module; nothing was copied. The message
/// names the file and lists each problem; <see cref="Report"/> holds them as data.
/// </summary>
public sealed class WeightsMismatchException : Exception
{
    /// <summary>Creates the exception from the report of the attempted load.</summary>
    public WeightsMismatchException(string moduleName, LoadReport report)
        : base($"The weights in {report.FilePath} do not match {moduleName} (strict load, nothing was loaded; pass strict: false to load what matches).{Environment.NewLine}{report}")
    {
        Report = report;
    }

    /// <summary>The keys that did not match.</summary>
    public LoadReport Report { get; }
}
