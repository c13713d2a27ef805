using ModelDsl.Runtime.Spec;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Summary;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Transfer;

/// <summary>
/// Freezing and unfreezing layers by name, block (path prefix), Keras index range or all at once.
/// A frozen layer's parameters stop requiring gradients (<c>requires_grad = false</c>), and a frozen BatchNorm
/// normalises with its running statistics and leaves them alone even in training mode (Keras's rule since 2.1.3).
/// Any TorchSharp module can be frozen by parameter-path prefix with <see cref="FreezeParameters"/>.
/// </summary>
/// <remarks>
/// Layer indices are Keras's <c>model.layers</c> indices: 0 is the input, then every layer in
/// topological order (see <see cref="SpecLayer"/>), so <c>model.Freeze(..15)</c> is the seed's
/// <c>for layer in model.layers[:15]: layer.trainable = False</c>.
/// </remarks>
public static class Freezing
{
    /// <summary>Freezes every layer (the whole base).</summary>
    public static void Freeze(this ILayeredModule model) => SetAll(model, trainable: false);

    /// <summary>Makes every layer trainable again.</summary>
    public static void Unfreeze(this ILayeredModule model) => SetAll(model, trainable: true);

    /// <summary>Freezes the layer named <paramref name="nameOrBlock"/> (path or display name) or every layer under that block path.</summary>
    public static int Freeze(this ILayeredModule model, string nameOrBlock) => Set(model, Select(model, nameOrBlock), trainable: false);

    /// <summary>Unfreezes the layer or block <paramref name="nameOrBlock"/>.</summary>
    public static int Unfreeze(this ILayeredModule model, string nameOrBlock) => Set(model, Select(model, nameOrBlock), trainable: true);

    /// <summary>Freezes the layers whose Keras indices fall in <paramref name="range"/> (e.g. <c>..15</c>).</summary>
    public static int Freeze(this ILayeredModule model, Range range) => Set(model, Select(model, range), trainable: false);

    /// <summary>Unfreezes the layers whose Keras indices fall in <paramref name="range"/> (e.g. <c>100..</c>).</summary>
    public static int Unfreeze(this ILayeredModule model, Range range) => Set(model, Select(model, range), trainable: true);

    /// <summary>
    /// Freezes every layer from the input through the layer <paramref name="name"/> (inclusive). For a
    /// torchvision-style spec, whose ReLUs are layers of their own, this states the seed's intent by name:
    /// VGG16's <c>layers[:15]</c> in Keras (through block4_pool) is <c>FreezeThrough("features.23")</c>.
    /// </summary>
    public static int FreezeThrough(this ILayeredModule model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        var last = Select(model, name).Max(l => l.Index);
        return Freeze(model, ..(last + 1));
    }

    /// <summary>Unfreezes the last <paramref name="count"/> layers (fine-tuning the top of a base).</summary>
    public static int UnfreezeTop(this ILayeredModule model, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Unfreeze(model, ^Math.Min(count, model.Layers.Count)..);
    }

    /// <summary>The parameters the optimizer should update: those of layers that are not frozen.</summary>
    public static IReadOnlyList<Parameter> TrainableParameters(this ILayeredModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Module.parameters().Where(p => p.requires_grad).ToList();
    }

    /// <summary>
    /// Freezes the parameters of any TorchSharp module (a generated model, a torchvision model, your own) whose
    /// state-dict path is <paramref name="prefix"/> or lies under it; BatchNorm layers under it stay in eval mode.
    /// </summary>
    /// <param name="module">The module.</param>
    /// <param name="prefix">A submodule path such as <c>features</c> or <c>layer4.2</c>; empty for the whole module.</param>
    /// <returns>The number of parameter tensors frozen.</returns>
    /// <exception cref="ArgumentException">No submodule or parameter has that path.</exception>
    public static int FreezeParameters(this nn.Module module, string prefix = "") => SetParameters(module, prefix, trainable: false);

    /// <summary>Makes the parameters under <paramref name="prefix"/> trainable again (see <see cref="FreezeParameters"/>).</summary>
    /// <param name="module">The module.</param>
    /// <param name="prefix">A submodule path; empty for the whole module.</param>
    /// <returns>The number of parameter tensors unfrozen.</returns>
    /// <exception cref="ArgumentException">No submodule or parameter has that path.</exception>
    public static int UnfreezeParameters(this nn.Module module, string prefix = "") => SetParameters(module, prefix, trainable: true);

    /// <summary>Element counts of trainable and frozen parameters (PyTorch's convention, buffers excluded).</summary>
    public static (long Trainable, long Frozen) ParameterCounts(this ILayeredModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        long trainable = 0, frozen = 0;
        foreach (var p in model.Module.parameters())
        {
            var n = p.numel();
            if (p.requires_grad) trainable += n;
            else frozen += n;
        }
        return (trainable, frozen);
    }

    /// <summary>
    /// The summary with freezing applied: a frozen layer's weights move from trainable to non-trainable,
    /// as Keras's <c>model.summary()</c> shows after <c>layer.trainable = False</c>.
    /// </summary>
    public static ModelSummary FrozenSummary(this ILayeredModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = model.Summary.Rows.Select((row, i) =>
            model.Layers[i].IsFrozen && row.TrainableParams > 0
                ? row with { NonTrainableParams = row.NonTrainableParams + row.TrainableParams, TrainableParams = 0 }
                : row);
        return model.Summary with { Rows = rows.ToEquatableArray() };
    }

    /// <summary>The Keras-style summary table with trainable and non-trainable totals after freezing.</summary>
    public static string SummaryText(this ILayeredModule model) => KerasSummaryRenderer.Render(FrozenSummary(model));

    private static void SetAll(ILayeredModule model, bool trainable)
    {
        ArgumentNullException.ThrowIfNull(model);
        Set(model, model.Layers, trainable);
    }

    private static int Set(ILayeredModule model, IEnumerable<SpecLayer> layers, bool trainable)
    {
        var count = 0;
        foreach (var layer in layers)
        {
            if (layer.Module is null) continue;
            SetTrainable(layer.Module, trainable, model.Module.training);
            count++;
        }
        return count;
    }

    internal static void SetTrainable(nn.Module module, bool trainable, bool ownerTraining)
    {
        foreach (var p in module.parameters()) p.requires_grad = trainable;
        FrozenBatchNorm.Set(module, frozen: !trainable, ownerTraining);
    }

    private static int SetParameters(nn.Module module, string prefix, bool trainable)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            SetTrainable(module, trainable, module.training);
            return module.parameters().Count();
        }
        var modules = module.named_modules().Where(m => m.name == prefix).Select(m => m.module).ToList();
        if (modules.Count > 0)
        {
            SetTrainable(modules[0], trainable, module.training);
            return modules[0].parameters().Count();
        }
        var parameters = module.named_parameters().Where(p => p.name == prefix).Select(p => p.parameter).ToList();
        if (parameters.Count == 0)
        {
            var top = module.named_children().Select(c => c.name).Take(12);
            throw new ArgumentException($"No submodule or parameter named '{prefix}' (top-level submodules: {string.Join(", ", top)}).", nameof(prefix));
        }
        foreach (var p in parameters) p.requires_grad = trainable;
        return parameters.Count;
    }

    private static IReadOnlyList<SpecLayer> Select(ILayeredModule model, string nameOrBlock)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(nameOrBlock);
        var prefix = nameOrBlock + ".";
        var matched = model.Layers.Where(l => l.Path == nameOrBlock || l.Path.StartsWith(prefix, StringComparison.Ordinal)
            || l.Node.DisplayName == nameOrBlock).ToList();
        if (matched.Count == 0)
        {
            var blocks = model.Layers.Select(l => l.Path.Split('.')[0]).Distinct().Take(12);
            throw new ArgumentException(
                $"No layer or block named '{nameOrBlock}' (top-level blocks: {string.Join(", ", blocks)}; a block name selects every layer under it).",
                nameof(nameOrBlock));
        }
        return matched;
    }

    private static IReadOnlyList<SpecLayer> Select(ILayeredModule model, Range range)
    {
        ArgumentNullException.ThrowIfNull(model);
        var count = model.Layers.Count;
        var (start, length) = GetOffset(range, count);
        return model.Layers.Skip(start).Take(length).ToList();
    }

    private static (int Start, int Length) GetOffset(Range range, int count)
    {
        // Like Python slicing, an end past the list clamps instead of throwing (layers[:1000] is the whole list).
        var start = Math.Clamp(range.Start.IsFromEnd ? count - range.Start.Value : range.Start.Value, 0, count);
        var end = Math.Clamp(range.End.IsFromEnd ? count - range.End.Value : range.End.Value, 0, count);
        return (start, Math.Max(0, end - start));
    }
}
