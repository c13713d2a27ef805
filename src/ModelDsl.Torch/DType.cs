namespace ModelDsl.Torch;

/// <summary>Element types, numbered as libtorch's <c>c10::ScalarType</c> so they cross the ABI unchanged.</summary>
public enum DType
{
    /// <summary>8-bit unsigned integer (images).</summary>
    UInt8 = 0,
    /// <summary>32-bit integer.</summary>
    Int32 = 3,
    /// <summary>64-bit integer (class labels, indices).</summary>
    Int64 = 4,
    /// <summary>16-bit float (storage of some checkpoints).</summary>
    Float16 = 5,
    /// <summary>32-bit float, the default.</summary>
    Float32 = 6,
    /// <summary>64-bit float.</summary>
    Float64 = 7,
    /// <summary>Boolean (masks).</summary>
    Bool = 11,
}
