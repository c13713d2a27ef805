using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Pipeline
{
    /// <summary>A layer attribute as written: its kind, arguments and location.</summary>
    /// <param name="Kind">The attribute class name without <c>Attribute</c> (e.g. <c>Conv2D</c>, <c>Use</c>).</param>
    /// <param name="Arguments">Constructor arguments (including defaults) then named properties, in source order.</param>
    /// <param name="Span">The whole attribute.</param>
    /// <param name="NameSpan">The attribute's name, where "the layer" diagnostics point.</param>
    public sealed record LayerAttributeModel(string Kind, EquatableArray<AttributeArgModel> Arguments, SourceSpan Span, SourceSpan NameSpan)
    {
        /// <summary>The argument of that name (case-insensitive), or null.</summary>
        public AttributeArgModel? Find(string name)
        {
            foreach (var arg in Arguments)
            {
                if (string.Equals(arg.Name, name, System.StringComparison.OrdinalIgnoreCase)) return arg;
            }
            return null;
        }
    }
}
