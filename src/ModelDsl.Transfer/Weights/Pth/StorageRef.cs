namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// A storage named by a persistent id in <c>data.pkl</c>: its bytes are the archive entry
/// <c>data/&lt;Key&gt;</c>. Several tensors (views) may share one storage.
/// </summary>
internal sealed record StorageRef(string Key, ScalarType Type);
