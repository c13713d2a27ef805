using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;

namespace ModelDsl.Spec.Shapes
{
    /// <summary>
    /// Checked 64-bit arithmetic for shapes, counts and sizes. Nothing saturates or wraps: a result that does not
    /// fit throws <see cref="ShapeOverflowException"/> naming the quantity, which inference reports as MDSL028.
    /// </summary>
    /// <remarks>
    /// The checks are written out with <c>checked</c> and <see cref="BigInteger"/> here rather than by a project-wide
    /// overflow switch, because these sources are also compiled into the generator, whose project settings differ.
    /// </remarks>
    public static class ShapeArithmetic
    {
        /// <summary>The bound of one dimension (dimensions are <see cref="int"/> in the IR and in TorchSharp's shape checks of ours).</summary>
        public static readonly string DimensionLimit = "the largest dimension, " + Count(int.MaxValue);

        /// <summary>The bound of a count or a size in bytes.</summary>
        public static readonly string CountLimit = "the 64-bit limit, " + Count(long.MaxValue);

        /// <summary>The product of <paramref name="factors"/> as a 64-bit count.</summary>
        /// <param name="factors">Dimensions (or any counts) to multiply.</param>
        /// <param name="what">Names the product in the error: <c>the element count</c>.</param>
        /// <exception cref="ShapeOverflowException">The product exceeds <see cref="long.MaxValue"/>.</exception>
        public static long Product(IEnumerable<long> factors, string what)
        {
            var list = factors as IReadOnlyList<long> ?? factors.ToList();
            long product = 1;
            foreach (var f in list)
            {
                if (!TryMultiply(product, f, out product)) throw Overflow(what, list);
            }
            return product;
        }

        /// <summary>The product of dimensions as a 64-bit count.</summary>
        /// <exception cref="ShapeOverflowException">The product exceeds <see cref="long.MaxValue"/>.</exception>
        public static long Product(IEnumerable<int> dims, string what) => Product(dims.Select(d => (long)d), what);

        /// <summary>The sum of <paramref name="terms"/> as a 64-bit count.</summary>
        /// <exception cref="ShapeOverflowException">The sum exceeds the 64-bit range.</exception>
        public static long Sum(IEnumerable<long> terms, string what)
        {
            var list = terms as IReadOnlyList<long> ?? terms.ToList();
            long sum = 0;
            foreach (var t in list)
            {
                if (!TryAdd(sum, t, out sum))
                {
                    var exact = list.Aggregate(BigInteger.Zero, (a, b) => a + b);
                    throw new ShapeOverflowException(what + " " + Count(exact), CountLimit);
                }
            }
            return sum;
        }

        /// <summary><paramref name="value"/> as a dimension.</summary>
        /// <param name="value">The computed size.</param>
        /// <param name="what">Names it in the error, with how it was computed (<c>the flattened size 3 x 65536 x 65536 =</c>).</param>
        /// <exception cref="ShapeOverflowException">The value exceeds <see cref="int.MaxValue"/>.</exception>
        public static int Dimension(long value, string what)
        {
            if (value > int.MaxValue) throw new ShapeOverflowException(what + " " + Count(value), DimensionLimit);
            // Negative or zero sizes are not overflows: MDSL008 reports them with both shapes.
            return (int)System.Math.Max(value, int.MinValue);
        }

        /// <summary>a x b, or false when it does not fit 64 bits.</summary>
        public static bool TryMultiply(long a, long b, out long product)
        {
            try
            {
                product = checked(a * b);
                return true;
            }
            catch (System.OverflowException)
            {
                product = 0;
                return false;
            }
        }

        /// <summary>a + b, or false when it does not fit 64 bits.</summary>
        public static bool TryAdd(long a, long b, out long sum)
        {
            try
            {
                sum = checked(a + b);
                return true;
            }
            catch (System.OverflowException)
            {
                sum = 0;
                return false;
            }
        }

        /// <summary>Thousands-separated, invariant: <c>12,884,901,888</c>.</summary>
        public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static string Count(BigInteger value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static ShapeOverflowException Overflow(string what, IReadOnlyList<long> factors)
        {
            var exact = factors.Aggregate(BigInteger.One, (a, b) => a * b);
            var text = string.Join(" x ", factors.Select(f => f.ToString(CultureInfo.InvariantCulture)));
            return new ShapeOverflowException(what + " " + text + " = " + Count(exact), CountLimit);
        }
    }
}
