namespace ModelDsl.Spec.Catalog
{
    /// <summary>What an argument accepts; <see cref="ArgumentConverter"/> validates against it.</summary>
    public enum ArgumentKind
    {
        /// <summary>An integer &gt; 0.</summary>
        PositiveInt,

        /// <summary>An integer, any sign (e.g. an axis).</summary>
        Int,

        /// <summary>A number.</summary>
        Float,

        /// <summary>A number in [0, 1).</summary>
        Rate,

        /// <summary>true / false.</summary>
        Bool,

        /// <summary>A positive integer or a positive HxW pair.</summary>
        Pair,

        /// <summary><c>valid</c>, <c>same</c>, an int, an HxW pair or (top, bottom, left, right).</summary>
        Padding,

        /// <summary>A non-negative int, HxW pair or (top, bottom, left, right).</summary>
        Pads,

        /// <summary>linear, relu, relu6, sigmoid, tanh, softmax.</summary>
        Activation,

        /// <summary>Positive integers such as <c>64x4x4</c>.</summary>
        Shape,

        /// <summary>horizontal, vertical or horizontal_and_vertical.</summary>
        FlipMode,

        /// <summary>Stochastic depth's mode: row (per sample) or batch.</summary>
        DepthMode,
    }
}
