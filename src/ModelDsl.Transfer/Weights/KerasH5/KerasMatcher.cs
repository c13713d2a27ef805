using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Summary;

namespace ModelDsl.Transfer.Weights.KerasH5;

/// <summary>
/// Matches Keras weights to module tensors through the model summary: a row's display name is the
/// Keras layer name, its Keras type says which weights it has, its module path is the state-dict prefix.
/// </summary>
internal static class KerasMatcher
{
    // (Keras type, weight role) -> (state-dict suffix, layout). Roles are Keras's weight names.
    private static readonly Dictionary<(string Type, string Role), (string Suffix, KerasLayout Layout)> Rules = new()
    {
        [("Conv2D", "kernel")] = ("weight", KerasLayout.ConvKernel),
        [("Conv2D", "bias")] = ("bias", KerasLayout.Same),
        [("DepthwiseConv2D", "depthwise_kernel")] = ("weight", KerasLayout.DepthwiseKernel),
        [("DepthwiseConv2D", "bias")] = ("bias", KerasLayout.Same),
        [("Dense", "kernel")] = ("weight", KerasLayout.DenseKernel),
        [("Dense", "bias")] = ("bias", KerasLayout.Same),
        [("BatchNormalization", "gamma")] = ("weight", KerasLayout.Same),
        [("BatchNormalization", "beta")] = ("bias", KerasLayout.Same),
        [("BatchNormalization", "moving_mean")] = ("running_mean", KerasLayout.Same),
        [("BatchNormalization", "moving_variance")] = ("running_var", KerasLayout.Same),
    };

    /// <summary>The weights that have a place in the model, and the full names of those that do not.</summary>
    public static (List<KerasTarget> Targets, List<string> Unexpected) Match(
        IReadOnlyList<(string Layer, IReadOnlyList<KerasWeight> Weights)> layers, ModelSummary summary)
    {
        // A name shown twice (it should not be) keeps its first row rather than failing the whole load.
        var rows = summary.Rows.GroupBy(r => r.DisplayName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var targets = new List<KerasTarget>();
        var unexpected = new List<string>();
        foreach (var (layer, weights) in layers)
        {
            foreach (var weight in weights)
            {
                if (rows.TryGetValue(layer, out var row) && Rules.TryGetValue((row.KerasType, weight.ShortName), out var rule))
                {
                    var flattened = rule.Layout == KerasLayout.DenseKernel ? FlattenedMap(row, rows) : null;
                    targets.Add(new KerasTarget(weight, Key(row.ModulePath, rule.Suffix), rule.Layout, flattened));
                }
                else
                {
                    unexpected.Add(weight.FullName);
                }
            }
        }
        return (targets, unexpected);
    }

    /// <summary>The module path of a row joined with a tensor name, as state-dict keys are.</summary>
    public static string Key(string modulePath, string name) => modulePath.Length == 0 ? name : modulePath + "." + name;

    /// <summary>
    /// The (C, H, W) map a Dense layer's input was flattened from, looking back through layers that keep the
    /// vector as it is (Dropout, Activation); null when the input was a vector already.
    /// </summary>
    private static TensorShape? FlattenedMap(SummaryRow dense, IReadOnlyDictionary<string, SummaryRow> rows)
    {
        var row = dense;
        while (row.ConnectedTo.Count == 1 && rows.TryGetValue(row.ConnectedTo[0], out var input))
        {
            if (input.KerasType == "Flatten")
            {
                return input.ConnectedTo.Count == 1 && rows.TryGetValue(input.ConnectedTo[0], out var map) && map.OutputShape is { Rank: 3 } shape
                    ? shape
                    : null;
            }
            if (input.KerasType is "Dense" or "InputLayer" || input.OutputShape is not { Rank: 1 }) return null;
            row = input;
        }
        return null;
    }
}
