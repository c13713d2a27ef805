using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.FrontEnd
{
    /// <summary>
    /// Reads one attribute application into a <see cref="LayerAttributeModel"/>: constant values from the
    /// compiler's <see cref="AttributeData"/>, locations from the syntax, so every argument keeps the exact
    /// place it is written.
    /// </summary>
    internal static class AttributeReader
    {
        /// <summary>Reads a layer attribute; null when the compiler could not bind it (it reports that itself).</summary>
        public static LayerAttributeModel? Read(AttributeSyntax syntax, AttributeData data)
        {
            var ctor = data.AttributeConstructor;
            var type = data.AttributeClass;
            if (ctor is null || type is null || type.TypeKind == TypeKind.Error) return null;

            var positional = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToList() ?? new List<AttributeArgumentSyntax>();
            var args = new List<AttributeArgModel>();
            var nameSpan = Spans.Of(syntax.Name);
            for (var i = 0; i < data.ConstructorArguments.Length && i < ctor.Parameters.Length; i++)
            {
                var parameter = ctor.Parameters[i];
                var written = ArgumentSyntaxFor(positional, parameter, i);
                var span = written.Count == 0 ? nameSpan : Spans.Of(written[0]).Union(Spans.Of(written[written.Count - 1]));
                args.Add(new AttributeArgModel(parameter.Name, ToValue(data.ConstructorArguments[i]), span, written.Count > 0));
            }
            foreach (var named in data.NamedArguments)
            {
                var written = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == named.Key);
                var span = written is null ? nameSpan : Spans.Of(written.Expression);
                args.Add(new AttributeArgModel(named.Key, ToValue(named.Value), span, written is not null));
            }
            return new LayerAttributeModel(KindOf(type), args.ToEquatableArray(), Spans.Of(syntax), nameSpan);
        }

        /// <summary>The attribute class name without the <c>Attribute</c> suffix.</summary>
        public static string KindOf(INamedTypeSymbol type)
            => type.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Attribute".Length) : type.Name;

        /// <summary>The span of a string literal's contents (inside the quotes), for locating text within it.</summary>
        public static SourceSpan ContentsOf(AttributeArgumentSyntax argument)
        {
            var expression = argument.Expression;
            if (expression is LiteralExpressionSyntax literal && literal.Token.Text.Length >= 2)
            {
                var text = literal.Token.Text;
                var prefix = text.StartsWith("@\"", System.StringComparison.Ordinal) ? 2 : text.StartsWith("\"\"\"", System.StringComparison.Ordinal) ? 3 : 1;
                var start = literal.Token.SpanStart + prefix;
                return Spans.Of(literal.SyntaxTree, new Microsoft.CodeAnalysis.Text.TextSpan(start, System.Math.Max(text.Length - 2 * prefix, 0)));
            }
            return Spans.Of(expression);
        }

        private static List<AttributeArgumentSyntax> ArgumentSyntaxFor(List<AttributeArgumentSyntax> positional, IParameterSymbol parameter, int index)
        {
            var byName = positional.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter.Name);
            if (byName is not null) return new List<AttributeArgumentSyntax> { byName };
            var unnamed = positional.Where(a => a.NameColon is null).ToList();
            if (parameter.IsParams) return unnamed.Skip(index).ToList();
            return index < unnamed.Count ? new List<AttributeArgumentSyntax> { unnamed[index] } : new List<AttributeArgumentSyntax>();
        }

        private static AttributeValue ToValue(TypedConstant constant)
        {
            switch (constant.Kind)
            {
                case TypedConstantKind.Array:
                    return new AttributeValue(AttributeValueKind.Array, "", constant.Values.Select(ToValue).ToEquatableArray());
                case TypedConstantKind.Type:
                    return AttributeValue.Scalar(AttributeValueKind.Type, constant.Value is ITypeSymbol t ? MetadataName(t) : "");
                case TypedConstantKind.Enum:
                    var enumType = constant.Type as INamedTypeSymbol;
                    var member = enumType?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value));
                    return AttributeValue.Scalar(AttributeValueKind.Enum, member?.Name ?? System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "");
                case TypedConstantKind.Primitive:
                    return Primitive(constant.Value);
                default:
                    return AttributeValue.Scalar(AttributeValueKind.Null, "");
            }
        }

        private static AttributeValue Primitive(object? value) => value switch
        {
            null => AttributeValue.Scalar(AttributeValueKind.Null, ""),
            bool b => AttributeValue.Scalar(AttributeValueKind.Bool, b ? "true" : "false"),
            string s => AttributeValue.Scalar(AttributeValueKind.String, s),
            double d => AttributeValue.Scalar(AttributeValueKind.Real, d.ToString("R", CultureInfo.InvariantCulture)),
            float f => AttributeValue.Scalar(AttributeValueKind.Real, ((double)f).ToString("R", CultureInfo.InvariantCulture)),
            char c => AttributeValue.Scalar(AttributeValueKind.String, c.ToString()),
            _ => AttributeValue.Scalar(AttributeValueKind.Int, System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };

        /// <summary>A type's full metadata name (<c>Ns.Outer+Inner</c>), the key blocks are found by.</summary>
        public static string MetadataName(ITypeSymbol type)
        {
            var name = type.MetadataName;
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
            var ns = type.ContainingNamespace;
            return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
        }
    }
}
