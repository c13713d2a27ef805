using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Pipeline
{
    /// <summary>One argument of a layer attribute, named after its constructor parameter or property.</summary>
    /// <param name="Name">The parameter or property name as declared (e.g. <c>filters</c>, <c>Stride</c>).</param>
    /// <param name="Value">The constant.</param>
    /// <param name="Span">Where the argument is written; the attribute's name when it was left to its default.</param>
    /// <param name="IsExplicit">False when the value is a constructor parameter's default.</param>
    public sealed record AttributeArgModel(string Name, AttributeValue Value, SourceSpan Span, bool IsExplicit);
}
