using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Diagnostics
{
    /// <summary>A secondary location of a diagnostic (a call site, a repeat iteration, a suggestion).</summary>
    /// <param name="Span">Where it points.</param>
    /// <param name="Message">What it says (<c>in block 'Bottleneck' instantiated here</c>).</param>
    public sealed record SpecNote(SourceSpan Span, string Message);
}
