namespace ModelDsl.Transfer.Weights;

/// <summary>A weights file could not be read or written: the message names the file and what is wrong.</summary>
public sealed class WeightsFormatException : Exception
{
    /// <summary>Creates the exception for a problem in <paramref name="path"/>.</summary>
    public WeightsFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file concerned.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
