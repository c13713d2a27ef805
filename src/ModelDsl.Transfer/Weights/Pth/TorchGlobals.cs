using ModelDsl.Transfer.Weights.Pickle;

namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// The whitelist of Python globals a <c>torch.save</c> state dict or checkpoint may name, and what each
/// builds. Everything else (<c>os.system</c>, a pickled <c>nn.Module</c> class, numpy scalars) is refused.
/// </summary>
internal static class TorchGlobals
{
    public static PickleGlobal? Resolve(string module, string name) => (module, name) switch
    {
        ("collections", "OrderedDict") or ("builtins", "dict") or ("__builtin__", "dict") =>
            new PickleGlobal(module, name, NewDict),
        ("torch._utils", "_rebuild_tensor_v2") => new PickleGlobal(module, name, RebuildTensor),
        ("torch._utils", "_rebuild_parameter") or ("torch._utils", "_rebuild_parameter_with_state") =>
            new PickleGlobal(module, name, args => Arg<StoredTensor>(args, 0, "_rebuild_parameter")),
        // libtorch's C++ pickle_save (torch::pickle_save) tags containers with their TorchScript type
        // and builds typed lists through these helpers; each just returns its first argument.
        ("torch.jit._pickle", "restore_type_tag" or "build_intlist" or "build_doublelist" or "build_boollist" or "build_tensorlist") =>
            new PickleGlobal(module, name, args => args.Length > 0 ? args[0] : throw new PickleException($"{module}.{name} needs an argument")),
        ("torch", "device") => new PickleGlobal(module, name, args => args.Length > 0 ? args[0] : null),
        ("torch", "Size") => new PickleGlobal(module, name, args => args.Length > 0 ? args[0] : Array.Empty<object?>()),
        // Storage classes are only named in persistent ids (they tell the element type), never called.
        ("torch", _) when name.EndsWith("Storage", StringComparison.Ordinal) => StorageClass(module, name),
        _ => null,
    };

    /// <summary>The element type a <c>torch.*Storage</c> global stands for.</summary>
    public static ScalarType StorageType(object? storageClass)
    {
        if (storageClass is not PickleGlobal { Module: "torch" } global)
        {
            throw new PickleException($"a storage id names {PickleValues.Describe(storageClass)} where a torch storage class was expected");
        }
        return ElementTypes.TryParseTorchStorageName(global.Name, out var type)
            ? type
            : throw new PickleException($"unsupported dtype: storage class 'torch.{global.Name}' is not read (supported: float32, float16, bfloat16, float64, int64, int32, int16, int8, uint8, bool)");
    }

    private static PickleGlobal StorageClass(string module, string name) =>
        new(module, name, _ => throw new PickleException($"'{module}.{name}' is a storage class and cannot be called"));

    private static object NewDict(object?[] args)
    {
        var dict = new PickleDict();
        // OrderedDict(items) with a list of pairs; torch.save passes no arguments and uses SETITEMS.
        if (args.Length > 0 && args[0] is List<object?> pairs)
        {
            foreach (var pair in pairs)
            {
                if (pair is object?[] { Length: 2 } kv) dict.Set(kv[0], kv[1]);
                else throw new PickleException("OrderedDict expects (key, value) pairs");
            }
        }
        return dict;
    }

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata=None)
    private static object RebuildTensor(object?[] args)
    {
        const string fn = "_rebuild_tensor_v2";
        if (args.Length < 4) throw new PickleException($"{fn} expects at least 4 arguments but got {args.Length}");
        var storage = Arg<StorageRef>(args, 0, fn);
        var offset = Arg<long>(args, 1, fn);
        var shape = Longs(args[2], "size");
        var stride = Longs(args[3], "stride");
        if (shape.Length != stride.Length)
        {
            throw new PickleException($"{fn}: size has {shape.Length} dimensions but stride has {stride.Length}");
        }
        if (offset < 0 || shape.Any(s => s < 0) || stride.Any(s => s < 0))
        {
            throw new PickleException($"{fn}: negative offset, size or stride");
        }
        var tensor = new StoredTensor(storage, offset, shape, stride);
        try
        {
            // Checked arithmetic: a shape or stride crafted to overflow fails here, as a malformed pickle.
            _ = tensor.StorageExtent();
            _ = tensor.ElementCount; // differs from the extent when strides are 0 (expanded views)
        }
        catch (OverflowException)
        {
            throw new PickleException(
                $"{fn}: a view of size {TensorData.FormatShape(shape)}, stride {TensorData.FormatShape(stride)} and offset {offset} does not fit in 64-bit arithmetic");
        }
        return tensor;
    }

    private static T Arg<T>(object?[] args, int index, string fn) =>
        args.Length > index && args[index] is T value
            ? value
            : throw new PickleException($"{fn}: argument {index} should be a {typeof(T).Name} but is {(args.Length > index ? PickleValues.Describe(args[index]) : "missing")}");

    private static long[] Longs(object? value, string what) =>
        value is object?[] items && items.All(i => i is long)
            ? items.Select(i => (long)i!).ToArray()
            : throw new PickleException($"_rebuild_tensor_v2: {what} should be a tuple of ints but is {PickleValues.Describe(value)}");
}
