namespace ModelDsl.Spec.Shapes
{
    /// <summary>
    /// A shape, count or size computed during inference does not fit its type: a dimension beyond
    /// <see cref="int.MaxValue"/> (the IR stores dimensions as <see cref="int"/>) or a count beyond
    /// <see cref="long.MaxValue"/>. Shape inference turns it into MDSL028 at the layer that computed it.
    /// </summary>
    public sealed class ShapeOverflowException : System.OverflowException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="quantity">What overflowed, with its exact value or its factors (<c>the flattened size 3 x 65536 x 65536 = 12,884,901,888</c>).</param>
        /// <param name="limit">The bound it exceeds (<c>the largest dimension, 2,147,483,647</c>).</param>
        public ShapeOverflowException(string quantity, string limit)
            : base(quantity + " exceeds " + limit)
        {
            Quantity = quantity;
            Limit = limit;
        }

        /// <summary>What overflowed.</summary>
        public string Quantity { get; }

        /// <summary>The bound it exceeds.</summary>
        public string Limit { get; }
    }
}
