namespace ModelDsl.Spec.Shapes
{
    /// <summary>The padding a layer was declared with; resolved to <see cref="Pads"/> by shape inference.</summary>
    /// <param name="Mode">valid, same or explicit.</param>
    /// <param name="Explicit">The pads when <paramref name="Mode"/> is <see cref="PaddingMode.Explicit"/>, else zero.</param>
    public sealed record Padding(PaddingMode Mode, Pads Explicit)
    {
        /// <summary>Keras 'valid'.</summary>
        public static Padding Valid { get; } = new Padding(PaddingMode.Valid, Pads.Zero);

        /// <summary>Keras 'same'.</summary>
        public static Padding Same { get; } = new Padding(PaddingMode.Same, Pads.Zero);

        /// <summary>Explicit pads.</summary>
        public static Padding Of(Pads pads) => new Padding(PaddingMode.Explicit, pads);

        /// <summary>
        /// The concrete pads for one input size: 'same' follows TensorFlow
        /// (total = max((ceil(in/s) - 1) * s + (k - 1) * d + 1 - in, 0), the odd row/column at bottom/right).
        /// </summary>
        public Pads Resolve(int inH, int inW, IntPair kernel, IntPair stride, IntPair dilation)
        {
            switch (Mode)
            {
                case PaddingMode.Same:
                    var th = SameTotal(inH, kernel.H, stride.H, dilation.H);
                    var tw = SameTotal(inW, kernel.W, stride.W, dilation.W);
                    return new Pads(th / 2, th - th / 2, tw / 2, tw - tw / 2);
                case PaddingMode.Explicit:
                    return Explicit;
                default:
                    return Pads.Zero;
            }
        }

        private static int SameTotal(int input, int k, int s, int d)
        {
            // 64-bit: a huge input, kernel or dilation must not wrap to a negative total.
            var output = ((long)input + s - 1) / s;
            var total = checked((output - 1) * s + ((long)k - 1) * d + 1 - input);
            return total > 0 ? ShapeArithmetic.Dimension(total, "the 'same' padding") : 0;
        }

        /// <summary><c>valid</c>, <c>same</c> or the explicit pads.</summary>
        public override string ToString() => Mode switch
        {
            PaddingMode.Valid => "valid",
            PaddingMode.Same => "same",
            _ => Explicit.ToString(),
        };
    }
}
