using ModelDsl.Spec.Collections;

namespace ModelDsl.Generators.Pipeline
{
    /// <summary>What kind of constant an attribute argument holds.</summary>
    public enum AttributeValueKind
    {
        /// <summary>An integer literal.</summary>
        Int,
        /// <summary>A floating-point literal.</summary>
        Real,
        /// <summary>true or false.</summary>
        Bool,
        /// <summary>A string: a name or, inside a block, an expression over its parameters.</summary>
        String,
        /// <summary>An enum member; <see cref="AttributeValue.Text"/> is the member name (e.g. <c>Relu</c>).</summary>
        Enum,
        /// <summary>A <c>typeof(...)</c>; <see cref="AttributeValue.Text"/> is the type's metadata name.</summary>
        Type,
        /// <summary>An array (a <c>params</c> argument); the elements are in <see cref="AttributeValue.Items"/>.</summary>
        Array,
        /// <summary>null or a value the front end cannot use.</summary>
        Null,
    }

    /// <summary>An attribute argument's constant value, without any Roslyn object (so pipeline models stay equatable).</summary>
    /// <param name="Kind">The constant's kind.</param>
    /// <param name="Text">Invariant-culture text of the value (member name for enums, metadata name for types).</param>
    /// <param name="Items">Elements when <paramref name="Kind"/> is <see cref="AttributeValueKind.Array"/>.</param>
    public sealed record AttributeValue(AttributeValueKind Kind, string Text, EquatableArray<AttributeValue> Items)
    {
        /// <summary>A scalar value.</summary>
        public static AttributeValue Scalar(AttributeValueKind kind, string text) => new AttributeValue(kind, text, EquatableArray<AttributeValue>.Empty);

        /// <inheritdoc />
        public override string ToString() => Kind == AttributeValueKind.Array ? Items.ToString() : Text;
    }
}
