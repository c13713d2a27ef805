using ModelDsl.Torch;
using ModelDsl.Torch.Nn;

namespace ModelDsl.Transfer.Weights;

/// <summary>Loads weights files into modules and saves modules' weights, matching tensors by state-dict key.</summary>
public static class WeightsLoader
{
    /// <summary>
    /// Reads <paramref name="path"/> and copies its tensors into the module's parameters and buffers by
    /// name (values are converted to each parameter's dtype, e.g. float16 files into float32 models).
    /// </summary>
    /// <param name="module">The module to fill.</param>
    /// <param name="path">A <c>.pth</c>/<c>.pt</c> or <c>.safetensors</c> file.</param>
    /// <param name="strict">
    /// When true (PyTorch's default) any missing, unexpected or mismatched key throws before anything is
    /// copied; when false the matching tensors load and the rest is reported.
    /// </param>
    /// <param name="keyPath">Where the state dict sits inside a checkpoint, e.g. <c>"state_dict"</c>; see <see cref="WeightsFile.Read(string, string?)"/>.</param>
    /// <returns>What was loaded and what did not match.</returns>
    /// <exception cref="WeightsFormatException">The file cannot be read.</exception>
    /// <exception cref="WeightsMismatchException">Strict mode and the keys or shapes do not match.</exception>
    public static LoadReport Load(Module module, string path, bool strict = true, string? keyPath = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var reader = WeightsFile.Open(path, keyPath);
        return Load(module, reader.Tensors, reader.ReadTensors, path, strict);
    }

    /// <summary>Copies already-read tensors into a module; see <see cref="Load(Module, string, bool, string?)"/>.</summary>
    /// <param name="module">The module to fill.</param>
    /// <param name="weights">The tensors to load.</param>
    /// <param name="source">Where the tensors came from, for the report and messages.</param>
    /// <param name="strict">Whether any mismatch throws before anything is copied.</param>
    public static LoadReport Load(Module module, StateDict weights, string source, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(weights);
        return Load(module, weights.Select(t => t.Info).ToList(), include => weights.Where(t => include(t.Info)), source, strict);
    }

    private static LoadReport Load(
        Module module, IReadOnlyList<TensorInfo> file, Func<Func<TensorInfo, bool>, IEnumerable<TensorData>> read, string source, bool strict)
    {
        var planned = Plan(module, file, source);
        if (strict && !planned.IsComplete) throw new WeightsMismatchException(module.GetType().Name, planned);

        // One tensor at a time: each is read, made native, copied into the module and freed before the
        // next, so loading holds one tensor beside the model rather than a second copy of the whole model.
        var skip = planned.Mismatched.Select(m => m.Key).Concat(planned.UnexpectedKeys).ToHashSet(StringComparer.Ordinal);
        foreach (var data in read(info => !skip.Contains(info.Name)))
        {
            using var tensor = data.ToTensor(halfToFloat32: false);
            module.LoadStateDict(new Dictionary<string, Tensor>(StringComparer.Ordinal) { [data.Name] = tensor }, strict: false);
        }
        return planned;
    }

    /// <summary>Writes the module's parameters and buffers (its state dict) to a <c>.pth</c> or <c>.safetensors</c> file.</summary>
    /// <param name="module">The module whose state to save.</param>
    /// <param name="path">The file to write; its extension picks the format.</param>
    public static void Save(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        WeightsFile.Write(path, module.StateDict().Select(kv => kv.Value.ToTensorData(kv.Key)));
    }

    private static LoadReport Plan(Module module, IReadOnlyList<TensorInfo> file, string source)
    {
        var own = module.StateDict();
        var byName = file.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var missing = own.Keys.Where(k => !byName.ContainsKey(k)).ToList();
        var unexpected = file.Select(t => t.Name).Where(k => !own.ContainsKey(k)).ToList();
        var mismatched = new List<WeightsShapeMismatch>();
        foreach (var (key, tensor) in own)
        {
            if (!byName.TryGetValue(key, out var data)) continue;
            var shape = tensor.Shape;
            if (!shape.SequenceEqual(data.Shape)) mismatched.Add(new WeightsShapeMismatch(key, shape, data.Shape));
        }
        var loaded = own.Count - missing.Count - mismatched.Count;
        return new LoadReport(source, loaded, missing, unexpected, mismatched);
    }
}
