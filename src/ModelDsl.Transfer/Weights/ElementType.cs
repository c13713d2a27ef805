namespace ModelDsl.Transfer.Weights;

/// <summary>
/// The element type of a stored tensor. Broader than <see cref="ModelDsl.Torch.DType"/> because a weights
/// file may hold types the runtime does not compute in (bfloat16, int32, ...); they are read faithfully
/// and converted, or refused, only when a tensor is made from them.
/// </summary>
public enum ElementType
{
    /// <summary>32-bit IEEE float.</summary>
    Float32,
    /// <summary>16-bit IEEE float (half).</summary>
    Float16,
    /// <summary>bfloat16: the upper half of a float32.</summary>
    BFloat16,
    /// <summary>64-bit IEEE float.</summary>
    Float64,
    /// <summary>64-bit signed integer (e.g. BatchNorm's <c>num_batches_tracked</c>).</summary>
    Int64,
    /// <summary>32-bit signed integer.</summary>
    Int32,
    /// <summary>16-bit signed integer.</summary>
    Int16,
    /// <summary>8-bit signed integer.</summary>
    Int8,
    /// <summary>8-bit unsigned integer.</summary>
    UInt8,
    /// <summary>Boolean, one byte per element.</summary>
    Bool,
}
