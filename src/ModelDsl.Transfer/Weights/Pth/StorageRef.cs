namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// A storage named by a persistent id in <c>data.pkl</c>: its bytes are the archive entry
/// <c>data/&lt;Key&gt;</c>. Several tensors (views) may share one storage.
/// </summary>
/// <param name="Key">The record name under <c>data/</c>.</param>
/// <param name="Type">The element type.</param>
/// <param name="DeclaredElements">The size in elements the persistent id states, when it states one.</param>
internal sealed record StorageRef(string Key, ScalarType Type, long? DeclaredElements = null);
