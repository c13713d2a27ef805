namespace ModelDsl.Torch;

/// <summary>
/// Owns every tensor created on this thread while it is the innermost open scope and disposes them
/// when it ends, so a loop does not leak native memory waiting for the GC. Results that must outlive
/// the scope are moved out with <see cref="MoveToOuter"/> (or <see cref="Detach"/> to own them manually).
/// </summary>
/// <remarks>
/// Scopes are per thread and must end in the reverse order they began (use <c>using</c>). A scope is not
/// thread-safe: dispose its tensors on the thread that created them, or move them out first.
/// </remarks>
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

    /// <summary>Whether this scope currently owns <paramref name="tensor"/>.</summary>
    public bool Owns(Tensor tensor) => ReferenceEquals(tensor.Owner, this);

    internal void Track(Tensor tensor)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        tensor.Owner?.owned.Remove(tensor);
        owned.Add(tensor);
        tensor.Owner = this;
    }

    /// <summary>Called when an owned tensor is disposed by hand.</summary>
    internal void Forget(Tensor tensor)
    {
        if (owned.Remove(tensor)) tensor.Owner = null;
    }

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to no scope), so it survives this one.</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!owned.Remove(tensor)) return tensor;
        tensor.Owner = null;
        outer?.Track(tensor);
        return tensor;
    }

    /// <summary>Takes <paramref name="tensor"/> out of this scope (a tensor belongs to at most one); the caller disposes it.</summary>
    public Tensor Detach(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (owned.Remove(tensor)) tensor.Owner = null;
        return tensor;
    }

    /// <summary>Disposes every tensor the scope still owns and makes the outer scope current again.</summary>
    public void Dispose()
    {
        if (disposed) return;
        if (!ReferenceEquals(current, this))
        {
            throw new InvalidOperationException("Dispose scopes must end in the reverse order they began.");
        }
        disposed = true;
        current = outer;
        // Owner is cleared first so the tensor's Dispose does not edit the set being enumerated.
        foreach (var t in owned)
        {
            t.Owner = null;
            t.Dispose();
        }
        owned.Clear();
    }
}
