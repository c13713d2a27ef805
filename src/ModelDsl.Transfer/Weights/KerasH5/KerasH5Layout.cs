namespace ModelDsl.Transfer.Weights.KerasH5;

/// <summary>One weight of a Keras layer: its short name (<c>kernel</c>) and its dataset path in the file.</summary>
internal sealed record KerasWeight(string Layer, string FullName, string ShortName, string DatasetPath)
{
    /// <summary>How reports name it: Keras's own weight name, e.g. <c>conv2d/kernel:0</c>.</summary>
    public override string ToString() => FullName;
}

/// <summary>
/// Finds the layers and weights of a Keras 2 HDF5 file: <c>save_weights</c> puts <c>layer_names</c> on
/// the root, <c>save</c> puts the same under <c>model_weights</c>; each layer group lists its
/// <c>weight_names</c>, and each weight is a dataset at <c>layer/weight_name</c>.
/// </summary>
internal static class KerasH5Layout
{
    public static IReadOnlyList<(string Layer, IReadOnlyList<KerasWeight> Weights)> Read(H5File file)
    {
        var root = file.Exists("/", "layer_names") ? "/"
            : file.Exists("model_weights", "layer_names") ? "/model_weights/"
            : throw new WeightsFormatException(file.Path,
                "not a Keras weights file: there is no 'layer_names' attribute at the root (model.save_weights) or in "
                + "'model_weights' (model.save). Keras 3's .weights.h5 layout is not read; save with Keras 2 or as .h5 from tf.keras.");
        var layers = new List<(string, IReadOnlyList<KerasWeight>)>();
        foreach (var layer in file.Strings(root, "layer_names"))
        {
            var group = root + layer;
            if (!file.Exists(group, "weight_names"))
            {
                throw new WeightsFormatException(file.Path, $"layer '{layer}' is listed in layer_names but '{group}' has no weight_names attribute.");
            }
            var weights = file.Strings(group, "weight_names")
                .Select(name => new KerasWeight(layer, name, ShortName(name), group + "/" + name))
                .ToList();
            layers.Add((layer, weights));
        }
        return layers;
    }

    // "conv2d/kernel:0" -> "kernel": the scope and the TensorFlow output index are not part of the role.
    private static string ShortName(string weightName)
    {
        var name = weightName[(weightName.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        return colon > 0 ? name[..colon] : name;
    }
}
