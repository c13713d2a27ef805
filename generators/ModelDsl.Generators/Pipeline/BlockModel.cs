using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Pipeline
{
    /// <summary>A <c>[Block]</c> class used by a model, read from its own attributes.</summary>
    /// <param name="MetadataName">The block class's full metadata name (what <c>[Use(typeof(...))]</c> names).</param>
    /// <param name="Name">The class's simple name, used as the block's name in the IR.</param>
    /// <param name="Parameters">The <c>[Block("...")]</c> parameter list text.</param>
    /// <param name="ParametersSpan">Where the parameter list text starts (inside the string literal).</param>
    /// <param name="Layers">The layer attributes in source order.</param>
    /// <param name="Span">The block class's identifier.</param>
    public sealed record BlockModel(string MetadataName, string Name, string Parameters, SourceSpan ParametersSpan, EquatableArray<LayerAttributeModel> Layers, SourceSpan Span);
}
