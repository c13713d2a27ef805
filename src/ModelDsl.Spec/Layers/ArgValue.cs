using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// An evaluated argument value, as both front ends hand it to <see cref="Catalog.LayerDescriptor.Bind"/>:
    /// the text front end from expressions, the attribute front end from attribute constants.
    /// </summary>
    /// <param name="Kind">Which of the payload fields is meaningful.</param>
    /// <param name="Int">The integer (Int).</param>
    /// <param name="Float">The number (Float, and Int widened).</param>
    /// <param name="Bool">The boolean (Bool).</param>
    /// <param name="Text">The name or string (Name, String).</param>
    /// <param name="Items">The integers (Tuple).</param>
    /// <param name="Span">Where the value was written, for diagnostics.</param>
    public sealed record ArgValue(ArgValueKind Kind, long Int, double Float, bool Bool, string Text, EquatableArray<int> Items, SourceSpan Span)
    {
        /// <summary>An integer value.</summary>
        public static ArgValue OfInt(long value, SourceSpan? span = null)
            => new ArgValue(ArgValueKind.Int, value, value, false, string.Empty, default, span ?? SourceSpan.None);

        /// <summary>A real value.</summary>
        public static ArgValue OfFloat(double value, SourceSpan? span = null)
            => new ArgValue(ArgValueKind.Float, 0, value, false, string.Empty, default, span ?? SourceSpan.None);

        /// <summary>A boolean value.</summary>
        public static ArgValue OfBool(bool value, SourceSpan? span = null)
            => new ArgValue(ArgValueKind.Bool, 0, 0, value, string.Empty, default, span ?? SourceSpan.None);

        /// <summary>A bare name (enum-like option, e.g. <c>same</c>).</summary>
        public static ArgValue OfName(string value, SourceSpan? span = null)
            => new ArgValue(ArgValueKind.Name, 0, 0, false, value, default, span ?? SourceSpan.None);

        /// <summary>A quoted string.</summary>
        public static ArgValue OfString(string value, SourceSpan? span = null)
            => new ArgValue(ArgValueKind.String, 0, 0, false, value, default, span ?? SourceSpan.None);

        /// <summary>A tuple of integers (<c>3x3</c>).</summary>
        public static ArgValue OfTuple(SourceSpan? span, params int[] items)
            => new ArgValue(ArgValueKind.Tuple, 0, 0, false, string.Empty, items.ToEquatableArray(), span ?? SourceSpan.None);

        /// <summary>A list of values (<c>[64, 64, "M"]</c>); elements may be of any kind, lists included.</summary>
        public static ArgValue OfList(SourceSpan? span, params ArgValue[] items)
            => new ArgValue(ArgValueKind.List, 0, 0, false, string.Empty, default, span ?? SourceSpan.None) { Elements = items.ToEquatableArray() };

        /// <summary>The elements (List); empty for other kinds.</summary>
        public EquatableArray<ArgValue> Elements { get; init; }

        /// <summary>The same value at another location.</summary>
        public ArgValue At(SourceSpan span) => this with { Span = span };

        /// <summary>True for Int and Float.</summary>
        public bool IsNumber => Kind == ArgValueKind.Int || Kind == ArgValueKind.Float;

        /// <summary>Source-like rendering: <c>3</c>, <c>0.5</c>, <c>true</c>, <c>same</c>, <c>3x3</c>.</summary>
        public override string ToString() => Kind switch
        {
            ArgValueKind.Int => Int.ToString(CultureInfo.InvariantCulture),
            ArgValueKind.Float => Float.ToString("R", CultureInfo.InvariantCulture),
            ArgValueKind.Bool => Bool ? "true" : "false",
            ArgValueKind.Tuple => string.Join("x", Items.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            ArgValueKind.String => "\"" + Text + "\"",
            ArgValueKind.List => "[" + string.Join(", ", Elements.Select(e => e.ToString())) + "]",
            _ => Text,
        };

        /// <summary>A short name of the value's type for messages.</summary>
        public string TypeName => Kind switch
        {
            ArgValueKind.Int => "integer",
            ArgValueKind.Float => "number",
            ArgValueKind.Bool => "boolean",
            ArgValueKind.Tuple => "tuple",
            ArgValueKind.String => "string",
            ArgValueKind.List => "list",
            _ => "name",
        };
    }
}
