using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Generators.Lowering
{
    /// <summary>Parses <c>[Model(Input = "1x28x28")]</c>: positive dimensions separated by <c>x</c>, channels first.</summary>
    internal static class InputShapeParser
    {
        /// <summary>The shape, or null when the text is not <c>AxBxC</c> with positive integers.</summary>
        public static TensorShape? Parse(string text)
        {
            var dims = new List<int>();
            foreach (var part in text.Split('x', 'X', '×'))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d <= 0) return null;
                dims.Add(d);
            }
            return dims.Count == 0 ? null : TensorShape.Of(dims.ToArray());
        }
    }
}
