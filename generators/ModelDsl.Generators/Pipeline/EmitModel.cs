using ModelDsl.Spec.Collections;

namespace ModelDsl.Generators.Pipeline
{
    /// <summary>
    /// Everything the emitter writes for one model, already lowered, shape-checked and rendered to C#
    /// fragments. Holds no spans, so an edit that only moves a model leaves its output cached.
    /// </summary>
    /// <param name="Namespace">Namespace of the generated class, empty for the global namespace.</param>
    /// <param name="ContainingTypes">Enclosing type declarations, outermost first.</param>
    /// <param name="ClassName">The class name.</param>
    /// <param name="Accessibility">Accessibility keyword(s) of the class.</param>
    /// <param name="HintName">The generated file's name.</param>
    /// <param name="Origin">Where the architecture comes from, for the docs (e.g. <c>its attributes</c>).</param>
    /// <param name="InputShape">The declared input shape without batch (C, H, W).</param>
    /// <param name="OutputShape">The inferred output shape without batch.</param>
    /// <param name="Members">Layers with weights or state, in registration order.</param>
    /// <param name="ForwardLines">The statements of <c>forward</c> after the input guard.</param>
    /// <param name="SummaryData">C# expression lines building the static summary.</param>
    /// <param name="SummaryText">The rendered summary table.</param>
    /// <param name="LogitsLines">For a model ending in softmax: the statements of <c>ForwardLogits</c> (empty otherwise).</param>
    public sealed record EmitModel(
        string Namespace,
        EquatableArray<string> ContainingTypes,
        string ClassName,
        string Accessibility,
        string HintName,
        string Origin,
        EquatableArray<long> InputShape,
        EquatableArray<long> OutputShape,
        EquatableArray<ModuleMember> Members,
        EquatableArray<string> ForwardLines,
        EquatableArray<string> SummaryData,
        string SummaryText,
        EquatableArray<string> LogitsLines);
}
