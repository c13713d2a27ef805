namespace ModelDsl.Transfer.Weights;

/// <summary>What a weights file says about one tensor before its bytes are read.</summary>
/// <param name="Name">The state-dict key.</param>
/// <param name="Type">The stored element type.</param>
/// <param name="Shape">The size of each dimension, outermost first.</param>
public sealed record TensorInfo(string Name, ScalarType Type, IReadOnlyList<long> Shape);
