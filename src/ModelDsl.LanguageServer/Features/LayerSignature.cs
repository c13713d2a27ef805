using ModelDsl.Spec.Catalog;

namespace ModelDsl.LanguageServer.Features;

/// <summary>A layer's call signature from the catalogue, <c>conv2d(filters, kernel, activation=linear, ...)</c>.</summary>
internal static class LayerSignature
{
    public static string Of(string keyword, LayerDescriptor descriptor)
        => descriptor.Arguments.Count == 0
            ? keyword
            : keyword + "(" + string.Join(", ", descriptor.Arguments.Select(a => a.IsRequired ? a.Name : a.Name + "=" + a.Default)) + ")";

    /// <summary>Markdown: the signature as a code block, the layer's description and one line per argument.</summary>
    public static string Markdown(string keyword, LayerDescriptor descriptor)
    {
        var lines = new List<string> { "```mdsl", Of(keyword, descriptor), "```", descriptor.Doc + " (Keras `" + descriptor.KerasType + "`, PyTorch `" + descriptor.TorchType + "`)" };
        if (descriptor.Arguments.Count > 0) lines.Add("");
        lines.AddRange(descriptor.Arguments.Select(a => "- `" + a.Name + "`: " + a.Doc));
        return string.Join("\n", lines);
    }
}
