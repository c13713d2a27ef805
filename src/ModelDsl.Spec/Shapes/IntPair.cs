using System.Globalization;

namespace ModelDsl.Spec.Shapes
{
    /// <summary>A (height, width) pair such as a kernel size or stride.</summary>
    /// <param name="H">Along the height.</param>
    /// <param name="W">Along the width.</param>
    public sealed record IntPair(int H, int W)
    {
        /// <summary>The same value along both axes.</summary>
        public static IntPair Square(int value) => new IntPair(value, value);

        /// <summary>True when both are equal.</summary>
        public bool IsSquare => H == W;

        /// <summary><c>3x3</c>.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}x{1}", H, W);
    }
}
