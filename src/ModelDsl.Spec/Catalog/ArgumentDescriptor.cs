using ModelDsl.Spec.Layers;

namespace ModelDsl.Spec.Catalog
{
    /// <summary>One argument of a layer: position is its index in <see cref="LayerDescriptor.Arguments"/>.</summary>
    /// <param name="Name">The name used for named arguments (<c>stride=2</c>).</param>
    /// <param name="Kind">What it accepts.</param>
    /// <param name="Default">The default value, or null when the argument is required.</param>
    /// <param name="Doc">One-line description (reference doc, XML docs).</param>
    public sealed record ArgumentDescriptor(string Name, ArgumentKind Kind, ArgValue? Default, string Doc)
    {
        /// <summary>True when the argument has no default.</summary>
        public bool IsRequired => Default is null;
    }
}
