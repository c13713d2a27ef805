namespace ModelDsl.Transfer.Weights.Pickle;

/// <summary>The pickle stream is malformed or uses something we refuse; the reader adds the file name.</summary>
internal sealed class PickleException(string message) : Exception(message);
