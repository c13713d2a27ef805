namespace ModelDsl.Transfer.Weights;

/// <summary>A file tensor whose shape differs from the module's tensor of the same name (not loaded).</summary>
/// <param name="Key">The state-dict key.</param>
/// <param name="ModuleShape">The shape the module has.</param>
/// <param name="FileShape">The shape in the file.</param>
public sealed record WeightsShapeMismatch(string Key, IReadOnlyList<long> ModuleShape, IReadOnlyList<long> FileShape)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Key}: the module has {TensorData.FormatShape(ModuleShape)} but the file has {TensorData.FormatShape(FileShape)}";
}
