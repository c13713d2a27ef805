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
    /// <param name="GraphData">
    /// C# expression lines rebuilding the checked IR graph (the class's static <c>Graph</c>, which makes it an
    /// <c>IInferenceGraph</c>); empty for a model with errors, which must not claim a graph it cannot run.
    /// </param>
    /// <param name="LogitsLines">For a model ending in softmax: the statements of <c>ForwardLogits</c> (empty otherwise).</param>
    /// <param name="Errors">
    /// For a model with errors, each error as "MDSL009: message": the class is still written (its members as far as
    /// they can be derived) so code using it compiles, and <c>forward</c> throws naming them. Empty for a sound model.
    /// </param>
    /// <param name="HasUserSummary">True when the user documents the class with a summary of their own (the generated docs then add remarks only).</param>
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
        EquatableArray<string> GraphData,
        EquatableArray<string> LogitsLines,
        EquatableArray<string> Errors,
        bool HasUserSummary);
}
