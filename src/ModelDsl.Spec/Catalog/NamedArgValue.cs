using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Catalog
{
    /// <summary>A named argument (<c>stride=2</c>) handed to <see cref="LayerDescriptor.Bind"/>.</summary>
    /// <param name="Name">The argument name.</param>
    /// <param name="Value">The value.</param>
    /// <param name="NameSpan">Where the name was written.</param>
    public sealed record NamedArgValue(string Name, ArgValue Value, SourceSpan NameSpan);
}
