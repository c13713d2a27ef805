using System.Globalization;
using ModelDsl.Transfer.Weights.Pickle;

namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// Finds the dict of tensors inside an unpickled object: the root for a plain state dict, or the value
/// at a key path (<c>"state_dict"</c>, <c>"model/ema"</c>) for a checkpoint that holds more.
/// </summary>
internal static class CheckpointNavigator
{
    /// <summary>The separator of key-path segments; state-dict keys themselves contain dots.</summary>
    public const char Separator = '/';

    public static PickleDict FindStateDict(object? root, string? keyPath)
    {
        var node = root;
        var walked = "";
        foreach (var segment in (keyPath ?? "").Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            node = Child(node, segment, walked);
            walked = walked.Length == 0 ? segment : $"{walked}{Separator}{segment}";
        }
        var where = walked.Length == 0 ? "the top level" : $"key path '{walked}'";
        if (node is not PickleDict dict)
        {
            throw new PickleException($"{where} holds a value of type {PickleValues.Describe(node)}, not a dict of tensors{Hint(root)}");
        }
        foreach (var (key, value) in dict.Items)
        {
            if (value is not StoredTensor)
            {
                throw new PickleException($"{where} is not a state dict: entry '{key}' is of type {PickleValues.Describe(value)}, not a tensor{Hint(root)}");
            }
        }
        return dict;
    }

    /// <summary>The module versions PyTorch keeps in a state dict's <c>_metadata</c>, as prefix → "version=N".</summary>
    /// <param name="stateDict">The state dict.</param>
    /// <param name="maxCharacters">
    /// How much text the metadata may spell out: one memoized dict of fields can be referenced by every module
    /// of a crafted file, so the text is bounded by what the pickle's size justifies, not by its objects.
    /// </param>
    public static Dictionary<string, string> Metadata(PickleDict stateDict, long maxCharacters)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stateDict.Attributes is not { } attributes || !attributes.TryGetValue("_metadata", out var metadata) || metadata is not PickleDict modules)
        {
            return result;
        }
        long characters = 0;
        var text = new System.Text.StringBuilder();
        foreach (var (prefix, info) in modules.Items)
        {
            if (info is not PickleDict fields) continue;
            text.Clear();
            foreach (var (key, value) in fields.Items)
            {
                if (text.Length > 0) text.Append(',');
                text.Append(Convert.ToString(key, CultureInfo.InvariantCulture)).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                if (characters + text.Length > maxCharacters) throw new PickleException(
                    $"the state dict's _metadata spells out more than {maxCharacters} characters, far more than its pickle holds (a crafted file)");
            }
            var name = Convert.ToString(prefix, CultureInfo.InvariantCulture)!;
            characters += text.Length + name.Length;
            result[name] = text.ToString();
        }
        return result;
    }

    private static object? Child(object? node, string segment, string walked)
    {
        var at = walked.Length == 0 ? "the top level" : $"'{walked}'";
        switch (node)
        {
            case PickleDict dict:
                if (dict.TryGetValue(segment, out var value)) return value;
                if (long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && dict.TryGetValue(number, out value)) return value;
                throw new PickleException($"no key '{segment}' at {at} (keys: {string.Join(", ", dict.Items.Take(12).Select(i => Shorten(i.Key)))})");
            case IReadOnlyList<object?> items:
                if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < items.Count) return items[index];
                throw new PickleException($"'{segment}' is not an index of the {items.Count}-item sequence at {at}");
            default:
                throw new PickleException($"cannot look up '{segment}' in the {PickleValues.Describe(node)} at {at}");
        }
    }

    /// <summary>Where tensor dicts are, so the message can say which key path to pass.</summary>
    private static string Hint(object? root)
    {
        var paths = new List<string>();
        Collect(root, [], paths, new HashSet<PickleDict>(ReferenceEqualityComparer.Instance));
        return paths.Count == 0
            ? "; the file holds no dict of tensors"
            : $"; dicts of tensors are at key path{(paths.Count > 1 ? "s" : "")} {string.Join(", ", paths.Take(6).Select(p => $"'{p}'"))}{(paths.Count > 6 ? ", ..." : "")}";
    }

    // Each dict is visited once, the path is spelled out only when found, and the walk stops after the paths
    // the message shows: a crafted pickle can reference one dict (or one long key) from many places at every
    // level, and a walk of every path, or a string per visited entry, would be exponential.
    private static void Collect(object? node, List<object> keys, List<string> paths, HashSet<PickleDict> seen)
    {
        if (keys.Count > 8 || paths.Count > 6 || node is not PickleDict dict || !seen.Add(dict)) return;
        if (dict.Count > 0 && dict.Items.All(i => i.Value is StoredTensor))
        {
            paths.Add(keys.Count == 0 ? "(top level)" : string.Join(Separator, keys.Select(Shorten)));
            return;
        }
        foreach (var (key, value) in dict.Items)
        {
            if (paths.Count > 6) return;
            keys.Add(key);
            Collect(value, keys, paths, seen);
            keys.RemoveAt(keys.Count - 1);
        }
    }

    /// <summary>A key as messages show it: keys come from the file and may be arbitrarily long.</summary>
    private static string Shorten(object key)
    {
        var text = Convert.ToString(key, CultureInfo.InvariantCulture) ?? "";
        return text.Length <= 60 ? text : text[..60] + "...";
    }
}
