using System.Globalization;

namespace ModelDsl.Spec.Shapes
{
    /// <summary>Explicit zero padding on each side of the spatial dimensions.</summary>
    /// <param name="Top">Rows added above.</param>
    /// <param name="Bottom">Rows added below.</param>
    /// <param name="Left">Columns added left.</param>
    /// <param name="Right">Columns added right.</param>
    public sealed record Pads(int Top, int Bottom, int Left, int Right)
    {
        /// <summary>No padding.</summary>
        public static Pads Zero { get; } = new Pads(0, 0, 0, 0);

        /// <summary>The same padding on all sides.</summary>
        public static Pads All(int p) => new Pads(p, p, p, p);

        /// <summary>Symmetric padding per axis (PyTorch's <c>padding=(ph, pw)</c>).</summary>
        public static Pads Symmetric(int h, int w) => new Pads(h, h, w, w);

        /// <summary>True when top==bottom and left==right, i.e. expressible as PyTorch's conv padding.</summary>
        public bool IsSymmetric => Top == Bottom && Left == Right;

        /// <summary>Rows added in total.</summary>
        public int Vertical => ShapeArithmetic.Dimension((long)Top + Bottom, "the vertical padding");

        /// <summary>Columns added in total.</summary>
        public int Horizontal => ShapeArithmetic.Dimension((long)Left + Right, "the horizontal padding");

        /// <summary>True when all sides are zero.</summary>
        public bool IsZero => Top == 0 && Bottom == 0 && Left == 0 && Right == 0;

        /// <summary><c>(top, bottom, left, right)</c>.</summary>
        public override string ToString()
            => string.Format(CultureInfo.InvariantCulture, "({0}, {1}, {2}, {3})", Top, Bottom, Left, Right);
    }
}
