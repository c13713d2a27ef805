using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Pipeline
{
    /// <summary>
    /// A <c>[Model]</c> class as the attribute front end reads it: only strings, numbers and spans, so the
    /// incremental pipeline can compare it by value and skip regeneration when nothing relevant changed.
    /// </summary>
    /// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
    /// <param name="ContainingTypes">Declarations of enclosing types, outermost first (e.g. <c>partial class Outer</c>).</param>
    /// <param name="Name">The class name.</param>
    /// <param name="Accessibility">Its accessibility keyword(s), e.g. <c>public</c>.</param>
    /// <param name="HintName">The file name of the generated source.</param>
    /// <param name="Input">The <c>Input</c> shape text, or null.</param>
    /// <param name="InputSpan">Where the Input text is written.</param>
    /// <param name="SpecName">The <c>[ModelSpec]</c> name, or null.</param>
    /// <param name="SpecNameSpan">Where that name is written.</param>
    /// <param name="SpecArguments">The <c>[ModelSpec(Arguments = "...")]</c> text, or null.</param>
    /// <param name="SpecArgumentsSpan">Where that text is written (inside the literal).</param>
    /// <param name="InlineSpec">The <c>[InlineSpec]</c> text, or null.</param>
    /// <param name="InlineSpecOrigin">The location of the inline text's first character.</param>
    /// <param name="Layers">The layer attributes in source order.</param>
    /// <param name="Blocks">Every block class the model uses, directly or through other blocks.</param>
    /// <param name="Span">The class identifier.</param>
    /// <param name="DeclarationErrors">Errors in how the class is declared or attributed, as "MDSL103: message" (named by a model with errors).</param>
    /// <param name="HasDocSummary">True when the user's own declaration has a <c>&lt;summary&gt;</c> doc comment.</param>
    public sealed record ClassModel(
        string Namespace,
        EquatableArray<string> ContainingTypes,
        string Name,
        string Accessibility,
        string HintName,
        string? Input,
        SourceSpan InputSpan,
        string? SpecName,
        SourceSpan SpecNameSpan,
        string? SpecArguments,
        SourceSpan SpecArgumentsSpan,
        string? InlineSpec,
        SourceSpan InlineSpecOrigin,
        EquatableArray<LayerAttributeModel> Layers,
        EquatableArray<BlockModel> Blocks,
        SourceSpan Span,
        EquatableArray<string> DeclarationErrors,
        bool HasDocSummary);
}
