namespace ModelDsl.Spec.Layers
{
    /// <summary>The type of a literal argument value.</summary>
    public enum ArgValueKind
    {
        /// <summary>An integer.</summary>
        Int,

        /// <summary>A real number.</summary>
        Float,

        /// <summary>true or false.</summary>
        Bool,

        /// <summary>A bare name such as <c>same</c> or <c>relu</c>.</summary>
        Name,

        /// <summary>Integers such as <c>3x3</c> or <c>(1, 2)</c>.</summary>
        Tuple,

        /// <summary>A quoted string.</summary>
        String,

        /// <summary>A list such as <c>[64, 64, "M"]</c> (see <see cref="ArgValue.Elements"/>).</summary>
        List,
    }
}
