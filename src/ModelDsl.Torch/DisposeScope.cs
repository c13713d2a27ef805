namespace ModelDsl.Torch;

/// <summary>
/// Owns every tensor created on this thread while it is the innermost open scope and disposes them
/// when it ends, so a loop does not leak native memory waiting for the GC. Results that must outlive
/// the scope are moved out with <see cref="MoveToOuter"/> (or <see cref="Detach"/> to own them manually).
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    private DisposeScope()
    {
        outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, if any.</summary>
    public static DisposeScope? Current => current;

    /// <summary>Opens a scope that owns tensors created on this thread until it is disposed.</summary>
    public static DisposeScope Begin() => new();

    /// <summary>How many live tensors the scope owns.</summary>
    public int Count => owned.Count;

    internal void Track(Tensor tensor) => owned.Add(tensor);

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to no scope), so it survives this one.</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        if (owned.Remove(tensor)) outer?.Track(tensor);
        return tensor;
    }

    /// <summary>Removes <paramref name="tensor"/> from every scope; the caller disposes it.</summary>
    public Tensor Detach(Tensor tensor)
    {
        owned.Remove(tensor);
        return tensor;
    }

    /// <summary>Disposes every tensor the scope still owns and makes the outer scope current again.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (!ReferenceEquals(current, this))
        {
            throw new InvalidOperationException("Dispose scopes must end in the reverse order they began.");
        }
        current = outer;
        foreach (var t in owned) t.Dispose();
        owned.Clear();
    }
}
