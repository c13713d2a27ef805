namespace ModelDsl
{
    /// <summary>Pads height and width with zeros.</summary>
    public sealed class ZeroPadding2DAttribute : LayerAttribute
    {
        /// <summary>The same padding on every side.</summary>
        /// <param name="padding">Pixels on each side.</param>
        public ZeroPadding2DAttribute(int padding)
        {
            Top = Bottom = Left = Right = padding;
        }

        /// <summary>Padding per side.</summary>
        /// <param name="top">Rows above.</param>
        /// <param name="bottom">Rows below.</param>
        /// <param name="left">Columns on the left.</param>
        /// <param name="right">Columns on the right.</param>
        public ZeroPadding2DAttribute(int top, int bottom, int left, int right)
        {
            Top = top;
            Bottom = bottom;
            Left = left;
            Right = right;
        }

        /// <summary>Rows above.</summary>
        public int Top { get; }

        /// <summary>Rows below.</summary>
        public int Bottom { get; }

        /// <summary>Columns on the left.</summary>
        public int Left { get; }

        /// <summary>Columns on the right.</summary>
        public int Right { get; }
    }
}
