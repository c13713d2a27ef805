using ModelDsl.Spec.Language;
using ModelDsl.LanguageServer.Documents;

namespace ModelDsl.LanguageServer.Analysis;

/// <summary>
/// One document version compiled by the same pipeline as <c>modeldsl check</c> and the generator
/// (<see cref="SpecCompiler"/>: parse, expand every model with its defaults, infer), plus its outline.
/// </summary>
internal sealed class DocumentAnalysis
{
    private DocumentAnalysis(TextDocument document, SpecCompilationResult compilation, SpecOutline outline)
    {
        Document = document;
        Compilation = compilation;
        Outline = outline;
    }

    public TextDocument Document { get; }

    public SpecCompilationResult Compilation { get; }

    public SpecOutline Outline { get; }

    public static DocumentAnalysis Of(TextDocument document, CancellationToken cancellationToken = default)
        => new(document, SpecCompiler.Compile(document.Text, document.Uri, cancellationToken), SpecOutline.Of(document.Text));
}
