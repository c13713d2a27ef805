using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Graph
{
    /// <summary>
    /// A module that only groups others: a named group (<c>features: { ... }</c>, PyTorch's Sequential)
    /// or a block instance (<c>layer1.0</c>, a Bottleneck). Used for hierarchical summaries and by a
    /// runtime that wants the module tree.
    /// </summary>
    /// <param name="Path">Dotted module path.</param>
    /// <param name="TypeName"><c>Sequential</c> for groups, the block name for block instances.</param>
    /// <param name="Span">Where the group or block call is written.</param>
    public sealed record ContainerInfo(string Path, string TypeName, SourceSpan Span);
}
