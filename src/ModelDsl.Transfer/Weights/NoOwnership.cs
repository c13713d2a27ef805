namespace ModelDsl.Transfer.Weights;

/// <summary>Stands for a resource the reader must not close (a stream the caller passed and still owns).</summary>
internal sealed class NoOwnership : IDisposable
{
    public static readonly NoOwnership Instance = new();

    public void Dispose()
    {
    }
}
