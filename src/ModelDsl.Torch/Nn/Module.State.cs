using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

public abstract partial class Module
{
    /// <summary>
    /// Parameters and buffers by dotted name, in PyTorch's state_dict order (each module's parameters,
    /// then its buffers, then its children's). The tensors are the module's own: do not dispose them.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (var (name, tensor) in module.parameters.Concat(module.buffers))
            {
                if (tensor is not null) state.Add(prefix.Length == 0 ? name : $"{prefix}.{name}", tensor);
            }
        }
        return state;
    }

    /// <summary>
    /// Copies matching entries of <paramref name="state"/> into this module's parameters and buffers in
    /// place (so optimizers holding them see the new values). In strict mode any missing, unexpected or
    /// shape-mismatched key throws before anything is copied; otherwise such keys are skipped and reported.
    /// </summary>
    /// <exception cref="InvalidOperationException">Strict mode and the keys or shapes do not match; the message names each.</exception>
    public LoadStateDictResult LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDict();
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var mismatches = new List<ShapeMismatch>();
        foreach (var (key, target) in own)
        {
            if (state.TryGetValue(key, out var source) && !target.Shape.AsSpan().SequenceEqual(source.Shape))
            {
                mismatches.Add(new ShapeMismatch(key, target.Shape, source.Shape));
            }
        }
        var result = new LoadStateDictResult(missing, unexpected, mismatches);
        if (strict && !result.IsComplete)
        {
            throw new InvalidOperationException($"Error loading the state_dict into {GetType().Name}:{Environment.NewLine}{result.Describe()}");
        }
        foreach (var (key, target) in own)
        {
            if (!state.TryGetValue(key, out var source) || mismatches.Exists(m => m.Key == key)) continue;
            NativeError.Check(NativeMethods.mdsl_nn_load_state_(target.Ptr, source.Ptr), $"load_state_dict({key})");
            GC.KeepAlive(source);
        }
        return result;
    }

    /// <summary>
    /// Moves every parameter and buffer to <paramref name="device"/> in place (the same <see cref="Tensor"/>
    /// objects, so fields and optimizers keep pointing at them); returns this module. Move before building
    /// the optimizer, whose state lives where the parameters were.
    /// </summary>
    public Module To(Device device)
    {
        foreach (var (key, tensor) in StateDict())
        {
            NativeError.Check(NativeMethods.mdsl_nn_state_to_(tensor.Ptr, (int)device.Type, device.Index), $"to({device}) of {key}");
        }
        return this;
    }
}
