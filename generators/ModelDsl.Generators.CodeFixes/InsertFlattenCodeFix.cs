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
    /// <summary>MDSL009 → "Insert [Flatten] before Dense": the layer a classifier head needs after convolutions.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFix)), Shared]
    public sealed class InsertFlattenCodeFix : CodeFixProvider
    {
        /// <summary>The title shown in the light bulb.</summary>
        public const string Title = "Insert [Flatten] before Dense";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.DenseNeedsFlatten);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var attribute = root?.FindNode(context.Span).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            if (root is null || attribute?.Parent is not AttributeListSyntax list) return;
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(Insert(root, list, attribute))), nameof(InsertFlattenCodeFix)),
                context.Diagnostics);
        }

        private static SyntaxNode Insert(SyntaxNode root, AttributeListSyntax list, AttributeSyntax dense)
        {
            var flatten = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Flatten"));
            if (list.Attributes.Count > 1)
            {
                // [A, Dense(...)] becomes [A, Flatten, Dense(...)]: same list, attribute order is layer order.
                var index = list.Attributes.IndexOf(dense);
                return root.ReplaceNode(list, list.WithAttributes(list.Attributes.Insert(index, flatten)));
            }
            // A list of its own: a new [Flatten] line above it, with the same indentation.
            var newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(flatten))
                .WithLeadingTrivia(list.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
            return root.InsertNodesBefore(list, new[] { newList });
        }
    }
}
