namespace ModelDsl.Torch;

public sealed partial class Tensor
{
    /// <summary>Moves this tensor to the scope enclosing the one that owns it (or to no scope); returns it.</summary>
    public Tensor MoveToOuterScope() => Owner is { } scope ? scope.MoveToOuter(this) : this;

    /// <summary>Takes this tensor out of every dispose scope: the caller now disposes it.</summary>
    public Tensor DetachFromScope() => Owner is { } scope ? scope.Detach(this) : this;
}
