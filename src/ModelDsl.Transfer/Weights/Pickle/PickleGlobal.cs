namespace ModelDsl.Transfer.Weights.Pickle;

/// <summary>
/// A whitelisted Python global (<c>module.name</c>) met in a pickle, with what calling it produces. The
/// unpickler never calls anything else: a global outside the whitelist stops reading.
/// </summary>
internal sealed class PickleGlobal(string module, string name, Func<object?[], object?> call)
{
    public string Module { get; } = module;

    public string Name { get; } = name;

    public string FullName => $"{Module}.{Name}";

    public object? Call(object?[] args) => call(args);

    public override string ToString() => FullName;
}
