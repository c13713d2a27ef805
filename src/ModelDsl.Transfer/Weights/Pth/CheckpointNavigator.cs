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
    public static Dictionary<string, string> Metadata(PickleDict stateDict)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stateDict.Attributes is { } attributes && attributes.TryGetValue("_metadata", out var metadata) && metadata is PickleDict modules)
        {
            foreach (var (prefix, info) in modules.Items)
            {
                if (info is not PickleDict fields) continue;
                result[Convert.ToString(prefix, CultureInfo.InvariantCulture)!] = string.Join(
                    ",", fields.Items.Select(f => $"{f.Key}={Convert.ToString(f.Value, CultureInfo.InvariantCulture)}"));
            }
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
                throw new PickleException($"no key '{segment}' at {at} (keys: {string.Join(", ", dict.Items.Select(i => i.Key).Take(12))})");
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
        Collect(root, "", paths, depth: 0);
        return paths.Count == 0
            ? "; the file holds no dict of tensors"
            : $"; dicts of tensors are at key path{(paths.Count > 1 ? "s" : "")} {string.Join(", ", paths.Take(6).Select(p => $"'{p}'"))}{(paths.Count > 6 ? ", ..." : "")}";
    }

    private static void Collect(object? node, string path, List<string> paths, int depth)
    {
        if (depth > 8 || node is not PickleDict dict) return;
        if (dict.Count > 0 && dict.Items.All(i => i.Value is StoredTensor))
        {
            paths.Add(path.Length == 0 ? "(top level)" : path);
            return;
        }
        foreach (var (key, value) in dict.Items)
        {
            Collect(value, path.Length == 0 ? $"{key}" : $"{path}{Separator}{key}", paths, depth + 1);
        }
    }
}
