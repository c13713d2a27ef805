using static TorchSharp.torch;
using Module = TorchSharp.torch.nn.Module;

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
    /// <param name="keyPath">Where the state dict sits inside a checkpoint, e.g. <c>"state_dict"</c>; see <see cref="WeightsFile.Read(string, string?, ReadLimits?)"/>.</param>
    /// <param name="renameKey">
    /// Maps each file key to the module's key (e.g. strips DataParallel's <c>module.</c> prefix), or to null
    /// to leave that tensor out; null keeps the file's keys.
    /// </param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <returns>What was loaded and what did not match.</returns>
    /// <exception cref="WeightsFormatException">The file cannot be read, or declares more than the limits allow.</exception>
    /// <exception cref="WeightsMismatchException">Strict mode and the keys or shapes do not match.</exception>
    /// <exception cref="ArgumentException"><paramref name="renameKey"/> maps two file keys to one module key.</exception>
    public static LoadReport Load(Module module, string path, bool strict = true, string? keyPath = null, Func<string, string?>? renameKey = null,
        ReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var reader = WeightsFile.Open(path, keyPath, limits);
        return Load(module, reader.Tensors, reader.ReadTensors, path, strict, renameKey);
    }

    /// <summary>Copies already-read tensors into a module; see <see cref="Load(Module, string, bool, string?, Func{string, string?}?, ReadLimits?)"/>.</summary>
    /// <param name="module">The module to fill.</param>
    /// <param name="weights">The tensors to load.</param>
    /// <param name="source">Where the tensors came from, for the report and messages.</param>
    /// <param name="strict">Whether any mismatch throws before anything is copied.</param>
    /// <param name="renameKey">Maps each file key to the module's key, or to null to leave the tensor out.</param>
    public static LoadReport Load(Module module, StateDict weights, string source, bool strict = true, Func<string, string?>? renameKey = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(weights);
        return Load(module, weights.Select(t => t.Info).ToList(), include => weights.Where(t => include(t.Info)), source, strict, renameKey);
    }

    private static LoadReport Load(
        Module module, IReadOnlyList<TensorInfo> file, Func<Func<TensorInfo, bool>, IEnumerable<TensorData>> read, string source, bool strict,
        Func<string, string?>? renameKey)
    {
        var moduleKeys = ModuleKeys(file, renameKey);
        var planned = Plan(module, file.Where(t => moduleKeys.ContainsKey(t.Name)).Select(t => t with { Name = moduleKeys[t.Name] }).ToList(), source);
        if (strict && !planned.IsComplete) throw new WeightsMismatchException(module.GetType().Name, planned);

        // One tensor at a time: each is read, made a tensor, copied into the module and freed before the
        // next, so loading holds one tensor beside the model rather than a second copy of the whole model.
        // The copy is load_state_dict's (copy_ under no_grad, converting dtype and device), without
        // rebuilding the module's state dict for every tensor.
        var skip = planned.Mismatched.Select(m => m.Key).Concat(planned.UnexpectedKeys).ToHashSet(StringComparer.Ordinal);
        var own = module.state_dict();
        using var noGrad = no_grad();
        foreach (var data in read(info => moduleKeys.TryGetValue(info.Name, out var key) && !skip.Contains(key)))
        {
            using var tensor = data.ToTensor();
            own[moduleKeys[data.Name]].copy_(tensor);
        }
        return planned;
    }

    /// <summary>File key → module key for every tensor that takes part.</summary>
    private static Dictionary<string, string> ModuleKeys(IReadOnlyList<TensorInfo> file, Func<string, string?>? renameKey)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in file)
        {
            var key = renameKey is null ? info.Name : renameKey(info.Name);
            if (key is null) continue;
            if (!claimed.TryAdd(key, info.Name))
            {
                throw new ArgumentException($"The key mapping sends both '{claimed[key]}' and '{info.Name}' to '{key}'.", nameof(renameKey));
            }
            result[info.Name] = key;
        }
        return result;
    }

    /// <summary>Writes the module's parameters and buffers (its state dict) to a <c>.pth</c> or <c>.safetensors</c> file.</summary>
    /// <param name="module">The module whose state to save.</param>
    /// <param name="path">The file to write; its extension picks the format.</param>
    public static void Save(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        WeightsFile.Write(path, module.state_dict().Select(kv => kv.Value.ToTensorData(kv.Key)));
    }

    private static LoadReport Plan(Module module, IReadOnlyList<TensorInfo> file, string source)
    {
        var own = module.state_dict();
        var byName = file.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var missing = own.Keys.Where(k => !byName.ContainsKey(k)).ToList();
        var unexpected = file.Select(t => t.Name).Where(k => !own.ContainsKey(k)).ToList();
        var mismatched = new List<WeightsShapeMismatch>();
        foreach (var (key, tensor) in own)
        {
            if (!byName.TryGetValue(key, out var data)) continue;
            var shape = tensor.shape;
            if (!shape.SequenceEqual(data.Shape)) mismatched.Add(new WeightsShapeMismatch(key, shape, data.Shape));
        }
        var loaded = own.Count - missing.Count - mismatched.Count;
        return new LoadReport(source, loaded, missing, unexpected, mismatched);
    }
}
