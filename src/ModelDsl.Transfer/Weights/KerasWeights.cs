using ModelDsl.Spec.Summary;
using ModelDsl.Transfer.Weights.KerasH5;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Weights;

/// <summary>
/// Loads the weights of a Keras 2 model saved as HDF5 (<c>model.save_weights("x.h5")</c> or
/// <c>model.save("x.h5")</c>) into a ModelDsl model, matching Keras layer names with the model's summary
/// and converting channels-last layouts to channels-first (including the row order of a Dense layer
/// that follows a Flatten of a feature map). Reading is PureHDF's managed HDF5 reader: no libhdf5 is needed.
/// </summary>
public static class KerasWeights
{
    /// <summary>Loads a Keras <c>.h5</c> file into a spec, zoo or transfer model by Keras layer name.</summary>
    /// <param name="model">The model; its summary gives each layer's Keras name, type and state-dict prefix.</param>
    /// <param name="path">The <c>.h5</c> file.</param>
    /// <param name="strict">
    /// When true any missing, unexpected or mismatched weight throws before anything is copied; when false
    /// the matching weights load and the rest is reported.
    /// </param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <returns>What was loaded and what did not match (module keys; Keras weight names for unexpected ones).</returns>
    /// <exception cref="WeightsFormatException">The file is missing, not HDF5, damaged, not in Keras's layout, or declares more than the limits allow.</exception>
    /// <exception cref="WeightsMismatchException">Strict mode and the weights do not match the model.</exception>
    public static LoadReport Load(ILayeredModule model, string path, bool strict = true, ReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Load(model.Module, model.Summary, path, strict, limits);
    }

    /// <summary>Loads a Keras <c>.h5</c> file into any module whose layers a summary describes.</summary>
    /// <param name="module">The module to fill.</param>
    /// <param name="summary">Its summary: Keras layer names, types, output shapes and state-dict prefixes.</param>
    /// <param name="path">The <c>.h5</c> file.</param>
    /// <param name="strict">Whether any mismatch throws before anything is copied.</param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <exception cref="WeightsFormatException">The file is missing, not HDF5, damaged, not in Keras's layout, or declares more than the limits allow.</exception>
    /// <exception cref="WeightsMismatchException">Strict mode and the weights do not match the module.</exception>
    public static LoadReport Load(nn.Module module, ModelSummary summary, string path, bool strict = true, ReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(path);
        using var file = H5File.Open(path, (limits ?? ReadLimits.Default).Validated());
        var (targets, unexpected) = KerasMatcher.Match(KerasH5Layout.Read(file), summary);
        var own = module.state_dict();
        var converted = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        var mismatched = new List<WeightsShapeMismatch>();
        var mismatchedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (!own.TryGetValue(target.ModuleKey, out var mine) || converted.ContainsKey(target.ModuleKey))
            {
                unexpected.Add(target.Weight.FullName);
                continue;
            }
            using var keras = file.ReadFloat(target.Weight.DatasetPath);
            var expected = target.ExpectedFileShape(mine.shape, keras.shape);
            if (!expected.SequenceEqual(keras.shape))
            {
                // Both shapes in Keras's layout, so they compare at a glance with what Keras printed.
                mismatchedKeys.Add(target.ModuleKey);
                mismatched.Add(new WeightsShapeMismatch($"{target.ModuleKey} (Keras '{target.Weight.FullName}', shapes in Keras layout)", expected, keras.shape));
                continue;
            }
            using var tensor = target.Convert(keras);
            converted[target.ModuleKey] = tensor.ToTensorData(target.ModuleKey);
        }
        AddBatchNormCounters(targets, own, converted);

        var missing = own.Keys.Where(k => !converted.ContainsKey(k) && !mismatchedKeys.Contains(k)).ToList();
        var report = new LoadReport(path, converted.Count, missing, unexpected, mismatched);
        if (strict && !report.IsComplete) throw new WeightsMismatchException(module.GetType().Name, report);
        WeightsLoader.Load(module, new StateDict(converted.Values), path, strict: false);
        return report;
    }

    // Keras keeps no count of batches seen; PyTorch's BatchNorm has num_batches_tracked, used only when
    // momentum is None. Zero is what a fresh layer holds, and lets a complete Keras file load strictly.
    private static void AddBatchNormCounters(List<KerasTarget> targets, IReadOnlyDictionary<string, Tensor> own, Dictionary<string, TensorData> converted)
    {
        foreach (var key in targets.Where(t => t.Weight.ShortName == "moving_mean").Select(t => t.ModuleKey))
        {
            var counter = key[..^"running_mean".Length] + "num_batches_tracked";
            if (converted.ContainsKey(key) && own.ContainsKey(counter) && !converted.ContainsKey(counter))
            {
                converted[counter] = TensorData.FromInt64s(counter, [0L]);
            }
        }
    }
}
