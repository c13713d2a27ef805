using ModelDsl.Generators.Pipeline;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// The members of a model with errors that cannot be derived: <c>forward</c>, <c>ForwardLogits</c> and <c>Summary</c>
    /// throw an <see cref="System.InvalidOperationException"/> whose message names every error (id and message), and
    /// <c>SummaryText</c> is that message. They exist with the sound model's signatures, so code using the model
    /// compiles and the editor shows the model's own diagnostics instead of a cascade of missing-member errors.
    /// </summary>
    internal static class ErrorModelEmitter
    {
        private const string Tensor = "global::TorchSharp.torch.Tensor";
        private const string Throw = "throw new global::System.InvalidOperationException(SummaryText);";
        private const string ExceptionDoc = "/// <exception cref=\"global::System.InvalidOperationException\">Always: the model's declaration has errors, named in the message (id and text).</exception>";

        /// <summary>Writes the throwing <c>forward</c>, <c>ForwardLogits</c> (when the model ends in softmax) and summary members.</summary>
        public static void WriteThrowingMembers(SourceWriter w, EmitModel model)
        {
            w.Line();
            w.Line("/// <summary>Would run the model; it has errors (see <see cref=\"SummaryText\"/>), so it throws instead.</summary>");
            w.Line("/// <param name=\"input\">The batch.</param>");
            w.Line(ExceptionDoc);
            w.Line($"public override {Tensor} forward({Tensor} input)").Open();
            w.Line(Throw);
            w.Close();

            if (model.LogitsLines.Count > 0)
            {
                w.Line();
                w.Line("/// <summary>Would run the model without its final softmax; it has errors, so it throws instead.</summary>");
                w.Line("/// <param name=\"input\">The batch.</param>");
                w.Line(ExceptionDoc);
                w.Line($"public {Tensor} ForwardLogits({Tensor} input)").Open();
                w.Line(Throw);
                w.Close();
            }

            w.Line();
            w.Line("/// <summary>The compile-time summary; the model has errors, so there is none and reading it throws.</summary>");
            w.Line(ExceptionDoc);
            w.Line("public static global::ModelDsl.Spec.Summary.ModelSummary Summary => " + Throw.Substring(0, Throw.Length - 1) + ";");
            w.Line();
            w.Line("/// <summary>Why the model cannot run: its errors, one per line, as \"MDSL009: message\".</summary>");
            w.Line("public const string SummaryText = " + CSharp.Literal(model.SummaryText) + ";");
        }
    }
}
