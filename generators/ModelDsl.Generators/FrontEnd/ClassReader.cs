using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generators.Diagnostics;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.FrontEnd
{
    /// <summary>
    /// The attribute front end's first step: turns a <c>[Model]</c> class symbol into a <see cref="ClassTarget"/>,
    /// reading layer attributes in syntax order (attribute order is layer order) and following
    /// <c>[Use(typeof(Block))]</c> into block classes.
    /// </summary>
    internal sealed class ClassReader
    {
        private readonly CancellationToken _cancellationToken;
        private readonly List<Diagnostic> _diagnostics = new List<Diagnostic>();
        private readonly Dictionary<string, SyntaxTree> _trees = new Dictionary<string, SyntaxTree>();
        private readonly Dictionary<string, BlockModel> _blocks = new Dictionary<string, BlockModel>();

        private ClassReader(CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
        }

        /// <summary>Reads the class that <paramref name="context"/> targets (the generator's entry); never throws except on cancellation.</summary>
        public static ClassTarget Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
            => Read((INamedTypeSymbol)context.TargetSymbol, (TypeDeclarationSyntax)context.TargetNode, context.Attributes[0], cancellationToken);

        /// <summary>
        /// Reads <paramref name="symbol"/>, whose <paramref name="declaration"/> carries <paramref name="modelAttribute"/>
        /// (the analyzer's entry, and the generator's through the overload above); never throws except on cancellation.
        /// </summary>
        public static ClassTarget Read(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, AttributeData modelAttribute, CancellationToken cancellationToken)
        {
            var reader = new ClassReader(cancellationToken);
            try
            {
                return reader.ReadClass(symbol, declaration, modelAttribute);
            }
            catch (System.Exception ex) when (ex is not System.OperationCanceledException)
            {
                var diagnostic = Diagnostic.Create(GeneratorDiagnostics.InternalError, declaration.Identifier.GetLocation(), symbol.Name, ex.GetType().Name + ": " + ex.Message);
                return new ClassTarget(null, ImmutableArray.Create(diagnostic), ImmutableDictionary<string, SyntaxTree>.Empty);
            }
        }

        private ClassTarget ReadClass(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, AttributeData modelData)
        {
            Remember(declaration.SyntaxTree);
            var identifier = Spans.Of(declaration.Identifier);

            if (!CanGenerate(symbol, declaration)) return Finish(null);

            var modelSyntax = (AttributeSyntax?)modelData.ApplicationSyntaxReference?.GetSyntax(_cancellationToken);
            string? input = null;
            var inputSpan = identifier;
            foreach (var named in modelData.NamedArguments)
            {
                if (named.Key == "Input" && named.Value.Value is string text)
                {
                    input = text;
                    var arg = modelSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Input");
                    inputSpan = arg is null ? identifier : AttributeReader.ContentsOf(arg);
                }
            }

            string? specName = null, inline = null, specArguments = null;
            SourceSpan specSpan = identifier, inlineOrigin = identifier, specArgumentsSpan = identifier;
            var layers = new List<LayerAttributeModel>();
            foreach (var (syntax, data) in AttributesInSourceOrder(symbol))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var type = data.AttributeClass;
                if (type is null) continue;
                var name = type.ToDisplayString();
                if (name == AttributeNames.ModelSpec && data.ConstructorArguments.Length == 1)
                {
                    specName = data.ConstructorArguments[0].Value as string;
                    specSpan = syntax.ArgumentList is { Arguments.Count: > 0 } list ? AttributeReader.ContentsOf(list.Arguments[0]) : Spans.Of(syntax);
                    foreach (var named in data.NamedArguments)
                    {
                        if (named.Key != "Arguments" || named.Value.Value is not string text) continue;
                        specArguments = text;
                        var arg = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Arguments");
                        specArgumentsSpan = arg is null ? specSpan : AttributeReader.ContentsOf(arg);
                    }
                }
                else if (name == AttributeNames.InlineSpec && data.ConstructorArguments.Length == 1)
                {
                    inline = data.ConstructorArguments[0].Value as string;
                    inlineOrigin = syntax.ArgumentList is { Arguments.Count: > 0 } list ? AttributeReader.ContentsOf(list.Arguments[0]) : Spans.Of(syntax);
                }
                else if (name == AttributeNames.Block)
                {
                    Report(GeneratorDiagnostics.AttributeMisuse, Spans.Of(syntax), $"'{symbol.Name}' cannot be both a [Model] and a [Block]");
                }
                else if (IsLayerAttribute(type))
                {
                    var layer = AttributeReader.Read(syntax, data);
                    if (layer is null) continue;
                    layers.Add(layer);
                    if (layer.Kind == "Use") ReadUsedBlock(data, layer, new List<string>());
                }
            }

            if (specName is not null && inline is not null)
                Report(GeneratorDiagnostics.AttributeMisuse, specSpan, $"'{symbol.Name}' has both [ModelSpec] and [InlineSpec]; keep one");
            if ((specName is not null || inline is not null) && layers.Count > 0)
                Report(GeneratorDiagnostics.AttributeMisuse, layers[0].Span, $"'{symbol.Name}' takes its layers from a spec; its layer attributes would be ignored");
            if (specName is null && inline is null && input is null)
                Report(GeneratorDiagnostics.AttributeMisuse, Spans.Of(modelSyntax ?? (SyntaxNode)declaration), $"[Model] on '{symbol.Name}' needs an input shape, e.g. [Model(Input = \"1x28x28\")]");

            var model = new ClassModel(
                Namespace: symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
                ContainingTypes: ContainingTypeDeclarations(symbol),
                Name: symbol.Name,
                Accessibility: AccessibilityKeyword(symbol.DeclaredAccessibility),
                HintName: HintName(symbol),
                Input: input,
                InputSpan: inputSpan,
                SpecName: specName,
                SpecNameSpan: specSpan,
                SpecArguments: specArguments,
                SpecArgumentsSpan: specArgumentsSpan,
                InlineSpec: inline,
                InlineSpecOrigin: inlineOrigin,
                Layers: layers.ToEquatableArray(),
                Blocks: _blocks.Values.OrderBy(b => b.MetadataName, System.StringComparer.Ordinal).ToEquatableArray(),
                Span: identifier,
                DeclarationErrors: _diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToEquatableArray(),
                HasDocSummary: HasDocSummary(symbol));
            return Finish(model);
        }

        /// <summary>
        /// True when the user documents the class with a <c>&lt;summary&gt;</c> of their own. Read from the comment text,
        /// so it works whatever the documentation mode (a build without a doc file may not parse doc comments).
        /// </summary>
        private bool HasDocSummary(INamedTypeSymbol symbol)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                foreach (var trivia in reference.GetSyntax(_cancellationToken).GetLeadingTrivia())
                {
                    var text = trivia.ToFullString();
                    if (text.TrimStart().StartsWith("///", System.StringComparison.Ordinal) && text.Contains("<summary")) return true;
                }
            }
            return false;
        }

        private bool CanGenerate(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration)
        {
            var location = declaration.Identifier.GetLocation();
            if (symbol.TypeKind != TypeKind.Class)
            {
                _diagnostics.Add(Diagnostic.Create(GeneratorDiagnostics.NotAModelClass, location, symbol.Name, "only classes can be models"));
                return false;
            }
            if (symbol.IsStatic || symbol.IsGenericType)
            {
                _diagnostics.Add(Diagnostic.Create(GeneratorDiagnostics.NotAModelClass, location, symbol.Name, symbol.IsStatic ? "a static class has no instances" : "a generic class cannot derive a fixed architecture"));
                return false;
            }
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                _diagnostics.Add(Diagnostic.Create(GeneratorDiagnostics.ClassNotPartial, location, symbol.Name));
                return false;
            }
            for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                var outerSyntax = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (outerSyntax is not null && !outerSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    _diagnostics.Add(Diagnostic.Create(GeneratorDiagnostics.ContainingTypeNotPartial, outerSyntax.Identifier.GetLocation(), outer.Name, symbol.Name));
                    return false;
                }
            }
            return true;
        }

        private void ReadUsedBlock(AttributeData data, LayerAttributeModel use, List<string> path)
        {
            if (data.ConstructorArguments.Length == 0 || data.ConstructorArguments[0].Value is not INamedTypeSymbol blockType) return;
            var blockArg = use.Find("block");
            var span = blockArg?.Span ?? use.Span;
            var blockData = blockType.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Block);
            if (blockData is null)
            {
                Report(GeneratorDiagnostics.AttributeMisuse, span, $"[Use] names '{blockType.Name}', which is not a [Block] class");
                return;
            }
            var key = AttributeReader.MetadataName(blockType);
            if (path.Contains(key))
            {
                Report(GeneratorDiagnostics.BlockCycle, span, blockType.Name, string.Join(" -> ", path.Select(p => p.Substring(p.LastIndexOf('.') + 1))));
                return;
            }
            if (_blocks.ContainsKey(key)) return;

            var parameters = blockData.ConstructorArguments.Length == 1 ? blockData.ConstructorArguments[0].Value as string ?? "" : "";
            var blockSyntax = (AttributeSyntax?)blockData.ApplicationSyntaxReference?.GetSyntax(_cancellationToken);
            var identifier = blockType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            var blockSpan = identifier is null ? span : Spans.Of(identifier.Identifier);
            if (identifier is not null) Remember(identifier.SyntaxTree);
            var parametersSpan = blockSyntax?.ArgumentList is { Arguments.Count: > 0 } list ? AttributeReader.ContentsOf(list.Arguments[0]) : blockSpan;

            // Reserve the key first so a block that uses itself is reported once, not recursed into forever.
            _blocks[key] = new BlockModel(key, blockType.Name, parameters, parametersSpan, EquatableArray<LayerAttributeModel>.Empty, blockSpan);
            var layers = new List<LayerAttributeModel>();
            path.Add(key);
            foreach (var (syntax, attribute) in AttributesInSourceOrder(blockType))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (attribute.AttributeClass is null || !IsLayerAttribute(attribute.AttributeClass)) continue;
                var layer = AttributeReader.Read(syntax, attribute);
                if (layer is null) continue;
                layers.Add(layer);
                if (layer.Kind == "Use") ReadUsedBlock(attribute, layer, path);
            }
            path.RemoveAt(path.Count - 1);
            _blocks[key] = _blocks[key] with { Layers = layers.ToEquatableArray() };
        }

        /// <summary>
        /// The type's attributes in syntax order: declarations in tree order, attribute lists top to bottom,
        /// left to right. <see cref="ISymbol.GetAttributes"/> order is not specified across partial parts.
        /// </summary>
        private IEnumerable<(AttributeSyntax Syntax, AttributeData Data)> AttributesInSourceOrder(INamedTypeSymbol type)
        {
            var bySyntax = new Dictionary<SyntaxNode, AttributeData>();
            foreach (var data in type.GetAttributes())
            {
                var node = data.ApplicationSyntaxReference?.GetSyntax(_cancellationToken);
                if (node is not null) bySyntax[node] = data;
            }
            var declarations = type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(_cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .OrderBy(d => d.SyntaxTree.FilePath, System.StringComparer.Ordinal)
                .ThenBy(d => d.SpanStart);
            foreach (var declaration in declarations)
            {
                Remember(declaration.SyntaxTree);
                foreach (var list in declaration.AttributeLists)
                {
                    foreach (var attribute in list.Attributes)
                    {
                        if (bySyntax.TryGetValue(attribute, out var data)) yield return (attribute, data);
                    }
                }
            }
        }

        private static bool IsLayerAttribute(INamedTypeSymbol type)
        {
            for (var t = type.BaseType; t is not null; t = t.BaseType)
            {
                if (t.ToDisplayString() == AttributeNames.Layer) return true;
            }
            return false;
        }

        private static EquatableArray<string> ContainingTypeDeclarations(INamedTypeSymbol symbol)
        {
            var result = new List<string>();
            for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                var kind = outer.IsRecord ? "record" : outer.TypeKind == TypeKind.Struct ? "struct" : outer.TypeKind == TypeKind.Interface ? "interface" : "class";
                result.Insert(0, (outer.IsStatic ? "static " : "") + "partial " + kind + " " + outer.Name);
            }
            return result.ToEquatableArray();
        }

        private static string HintName(INamedTypeSymbol symbol)
        {
            var name = AttributeReader.MetadataName(symbol).Replace('+', '.').Replace('`', '_');
            return name + ".g.cs";
        }

        private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Private => "private",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "internal",
        };

        private void Report(DiagnosticDescriptor descriptor, SourceSpan span, params object[] args)
        {
            _diagnostics.Add(Diagnostic.Create(descriptor, LocationOf(span), args));
        }

        private Location LocationOf(SourceSpan span)
            => _trees.TryGetValue(span.Path, out var tree)
                ? Location.Create(tree, Spans.ToTextSpan(span))
                : Location.Create(span.Path, Spans.ToTextSpan(span), Spans.ToLineSpan(span));

        private void Remember(SyntaxTree tree) => _trees[tree.FilePath] = tree;

        private ClassTarget Finish(ClassModel? model)
            => new ClassTarget(model, _diagnostics.ToImmutableArray(), _trees.ToImmutableDictionary());
    }
}
