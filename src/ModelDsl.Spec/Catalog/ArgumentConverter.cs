using System;
using System.Linq;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Catalog
{
    /// <summary>Validates argument values against <see cref="ArgumentKind"/> and converts them to IR values.</summary>
    public static class ArgumentConverter
    {
        /// <summary>Returns null when <paramref name="value"/> is acceptable, else a reason (for MDSL003).</summary>
        public static string? Validate(ArgumentKind kind, ArgValue value)
        {
            switch (kind)
            {
                case ArgumentKind.PositiveInt:
                    return value.Kind == ArgValueKind.Int && value.Int > 0 && value.Int <= int.MaxValue ? null : Expected("a positive integer", value);
                case ArgumentKind.Int:
                    return value.Kind == ArgValueKind.Int && Math.Abs(value.Int) < 1000 ? null : Expected("an integer", value);
                case ArgumentKind.Float:
                    return value.IsNumber && !double.IsNaN(value.Float) && !double.IsInfinity(value.Float) ? null : Expected("a number", value);
                case ArgumentKind.Rate:
                    return value.IsNumber && value.Float >= 0 && value.Float < 1 ? null : Expected("a number in [0, 1)", value);
                case ArgumentKind.Bool:
                    return value.Kind == ArgValueKind.Bool ? null : Expected("true or false", value);
                case ArgumentKind.Pair:
                    return IsPositiveInt(value) || (value.Kind == ArgValueKind.Tuple && value.Items.Count == 2 && value.Items.All(i => i > 0))
                        ? null : Expected("a positive integer or HxW pair", value);
                case ArgumentKind.Padding:
                    if (value.Kind == ArgValueKind.Name && (value.Text == "valid" || value.Text == "same")) return null;
                    return ValidatePads(value) is null ? null : Expected("valid, same, an integer, an HxW pair or (top, bottom, left, right)", value);
                case ArgumentKind.Pads:
                    return ValidatePads(value) is null ? null : Expected("a non-negative integer, an HxW pair or (top, bottom, left, right)", value);
                case ArgumentKind.Activation:
                    return value.Kind == ArgValueKind.Name && TryActivation(value.Text, out _) ? null : Expected("linear, relu, relu6, sigmoid, tanh or softmax", value);
                case ArgumentKind.Shape:
                    return (value.Kind == ArgValueKind.Tuple && value.Items.Count > 0 && value.Items.All(i => i > 0)) || IsPositiveInt(value)
                        ? null : Expected("positive dimensions such as 64x4x4", value);
                case ArgumentKind.FlipMode:
                    return value.Kind == ArgValueKind.Name && (value.Text == "horizontal" || value.Text == "vertical" || value.Text == "horizontal_and_vertical")
                        ? null : Expected("horizontal, vertical or horizontal_and_vertical", value);
                case ArgumentKind.DepthMode:
                    return value.Kind == ArgValueKind.Name && (value.Text == "row" || value.Text == "batch") ? null : Expected("row or batch", value);
                default:
                    return "unsupported argument kind";
            }
        }

        private static bool IsPositiveInt(ArgValue v) => v.Kind == ArgValueKind.Int && v.Int > 0 && v.Int <= int.MaxValue;

        private static string? ValidatePads(ArgValue v)
        {
            if (v.Kind == ArgValueKind.Int && v.Int >= 0 && v.Int <= int.MaxValue) return null;
            if (v.Kind == ArgValueKind.Tuple && (v.Items.Count == 2 || v.Items.Count == 4) && v.Items.All(i => i >= 0)) return null;
            return "bad";
        }

        private static string Expected(string what, ArgValue got) => "expected " + what + " but got " + got.TypeName + " '" + got + "'";

        /// <summary>Parses an activation name.</summary>
        public static bool TryActivation(string name, out ActivationKind kind)
        {
            switch (name)
            {
                case "linear": kind = ActivationKind.Linear; return true;
                case "relu": kind = ActivationKind.Relu; return true;
                case "relu6": kind = ActivationKind.Relu6; return true;
                case "sigmoid": kind = ActivationKind.Sigmoid; return true;
                case "tanh": kind = ActivationKind.Tanh; return true;
                case "softmax": kind = ActivationKind.Softmax; return true;
                default: kind = ActivationKind.Linear; return false;
            }
        }

        /// <summary>The spec keyword of an activation (<c>relu6</c>).</summary>
        public static string ActivationName(ActivationKind kind) => kind.ToString().ToLowerInvariant();

        /// <summary>Converts a validated Pair value.</summary>
        public static IntPair ToPair(ArgValue v)
            => v.Kind == ArgValueKind.Tuple ? new IntPair(v.Items[0], v.Items[1]) : IntPair.Square((int)v.Int);

        /// <summary>Converts a validated Pads value (int: all sides; HxW: symmetric; 4 items: top, bottom, left, right).</summary>
        public static Pads ToPads(ArgValue v)
        {
            if (v.Kind == ArgValueKind.Int) return Pads.All((int)v.Int);
            return v.Items.Count == 2 ? Pads.Symmetric(v.Items[0], v.Items[1]) : new Pads(v.Items[0], v.Items[1], v.Items[2], v.Items[3]);
        }

        /// <summary>Converts a validated Padding value.</summary>
        public static Padding ToPadding(ArgValue v)
        {
            if (v.Kind == ArgValueKind.Name) return v.Text == "same" ? Padding.Same : Padding.Valid;
            return Padding.Of(ToPads(v));
        }

        /// <summary>Converts a validated Shape value.</summary>
        public static TensorShape ToShape(ArgValue v)
            => v.Kind == ArgValueKind.Int ? TensorShape.Of((int)v.Int) : new TensorShape(v.Items);
    }
}
