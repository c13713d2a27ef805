using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Collections;

namespace ModelDsl.Spec.Shapes
{
    /// <summary>
    /// The shape of one sample, without the (symbolic) batch dimension, in NCHW order:
    /// an image is <c>[C, H, W]</c>, a vector <c>[F]</c>.
    /// </summary>
    /// <param name="Dims">Per-sample dimensions.</param>
    public sealed record TensorShape(EquatableArray<int> Dims)
    {
        /// <summary>Creates a shape from dimensions.</summary>
        public static TensorShape Of(params int[] dims) => new TensorShape(dims.ToEquatableArray());

        /// <summary>Rank without the batch dimension (3 for images, 1 for vectors).</summary>
        public int Rank => Dims.Count;

        /// <summary>Elements per sample.</summary>
        /// <exception cref="ShapeOverflowException">The count exceeds 64 bits.</exception>
        public long ElementCount => ShapeArithmetic.Product(Dims, "the element count");

        /// <summary>True for a <c>[C, H, W]</c> image tensor.</summary>
        public bool IsImage => Rank == 3;

        /// <summary>Channels of an image (or features of a vector).</summary>
        public int Channels => Dims[0];

        /// <summary>Height of an image.</summary>
        public int Height => Dims[1];

        /// <summary>Width of an image.</summary>
        public int Width => Dims[2];

        /// <summary>True when every dimension is positive.</summary>
        public bool IsValid => Dims.All(d => d > 0);

        /// <summary>Keras's notation, channels last: <c>(None, 26, 26, 32)</c>.</summary>
        public string ToKerasString()
        {
            IEnumerable<int> order = IsImage ? new[] { Height, Width, Channels } : Dims;
            return "(None, " + string.Join(", ", order.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        }

        /// <summary>PyTorch/torchinfo notation, NCHW with the batch given: <c>[1, 32, 26, 26]</c>.</summary>
        public string ToTorchString(int batch = 1)
            => "[" + string.Join(", ", new[] { batch }.Concat(Dims).Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

        /// <summary>Per-sample NCHW notation with a symbolic batch: <c>(N, 32, 26, 26)</c>.</summary>
        public override string ToString()
            => "(N, " + string.Join(", ", Dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
    }
}
