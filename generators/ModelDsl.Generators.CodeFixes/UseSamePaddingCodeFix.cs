using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelDsl.Generators.CodeFixes
{
    /// <summary>
    /// MDSL007 → "Use same padding": a kernel that no longer fits its input fits once the input is padded
    /// so the output keeps its size (Keras <c>padding='same'</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSamePaddingCodeFix)), Shared]
    public sealed class UseSamePaddingCodeFix : CodeFixProvider
    {
        /// <summary>The title shown in the light bulb.</summary>
        public const string Title = "Use same padding";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.KernelLargerThanInput);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var attribute = root?.FindNode(context.Span).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            if (root is null || attribute is null) return;
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, WithSamePadding(attribute)))), nameof(UseSamePaddingCodeFix)),
                context.Diagnostics);
        }

        private static AttributeSyntax WithSamePadding(AttributeSyntax attribute)
        {
            var same = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Padding")),
                null,
                SyntaxFactory.ParseExpression("Padding.Same"));
            var arguments = attribute.ArgumentList?.Arguments ?? default;
            // Explicit padding (Padding = ..., Pad = n) is what no longer fits: replace it.
            var kept = arguments.Where(a => a.NameEquals?.Name.Identifier.ValueText is not ("Padding" or "Pad")).ToList();
            kept.Add(same);
            var list = SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(kept, Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), kept.Count - 1)));
            return attribute.WithArgumentList(list);
        }
    }
}
