using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Spec.Language
{
    /// <summary>
    /// Evaluates expressions over the parameters in scope. A bare name that is not a parameter but a
    /// known option (same, relu, horizontal, ...) evaluates to itself. Errors become diagnostics; the
    /// result is then null.
    /// </summary>
    internal sealed class Evaluator
    {
        private static readonly HashSet<string> OptionNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "valid", "same", "linear", "relu", "relu6", "sigmoid", "tanh", "softmax",
            "horizontal", "vertical", "horizontal_and_vertical",
        };

        private readonly List<SpecDiagnostic> _diagnostics;

        public Evaluator(List<SpecDiagnostic> diagnostics)
        {
            _diagnostics = diagnostics;
        }

        public ArgValue? Eval(Expr expr, IReadOnlyDictionary<string, ArgValue> env)
        {
            switch (expr)
            {
                case LiteralExpr lit:
                    return lit.Value;
                case NameExpr name:
                    if (env.TryGetValue(name.Name, out var bound)) return bound.At(name.Span);
                    if (OptionNames.Contains(name.Name)) return ArgValue.OfName(name.Name, name.Span);
                    return Fail(DiagnosticCatalog.UnknownIdentifier, expr, name.Name);
                case TupleExpr tuple:
                    var items = new List<int>();
                    foreach (var item in tuple.Items)
                    {
                        var v = Eval(item, env);
                        if (v is null) return null;
                        if (v.Kind != ArgValueKind.Int) return Fail(DiagnosticCatalog.TypeMismatch, item, "an integer in a tuple", v.TypeName + " '" + v + "'");
                        items.Add((int)v.Int);
                    }
                    return ArgValue.OfTuple(tuple.Span, items.ToArray());
                case UnaryExpr unary:
                    return EvalUnary(unary, env);
                case BinaryExpr binary:
                    return EvalBinary(binary, env);
                case ConditionalExpr conditional:
                    var which = EvalBool(conditional.Condition, env);
                    if (which is null) return null;
                    return Eval(which.Value ? conditional.Then : conditional.Else, env);
                default:
                    return null;
            }
        }

        public bool? EvalBool(Expr expr, IReadOnlyDictionary<string, ArgValue> env)
        {
            var v = Eval(expr, env);
            if (v is null) return null;
            if (v.Kind != ArgValueKind.Bool)
            {
                Fail(DiagnosticCatalog.TypeMismatch, expr, "a boolean", v.TypeName + " '" + v + "'");
                return null;
            }
            return v.Bool;
        }

        private ArgValue? EvalUnary(UnaryExpr unary, IReadOnlyDictionary<string, ArgValue> env)
        {
            var v = Eval(unary.Operand, env);
            if (v is null) return null;
            if (unary.Op == "not")
            {
                return v.Kind == ArgValueKind.Bool ? ArgValue.OfBool(!v.Bool, unary.Span) : Fail(DiagnosticCatalog.TypeMismatch, unary.Operand, "a boolean", v.TypeName + " '" + v + "'");
            }
            if (v.Kind == ArgValueKind.Int) return ArgValue.OfInt(-v.Int, unary.Span);
            if (v.Kind == ArgValueKind.Float) return ArgValue.OfFloat(-v.Float, unary.Span);
            return Fail(DiagnosticCatalog.TypeMismatch, unary.Operand, "a number", v.TypeName + " '" + v + "'");
        }

        private ArgValue? EvalBinary(BinaryExpr b, IReadOnlyDictionary<string, ArgValue> env)
        {
            var l = Eval(b.Left, env);
            if (l is null) return null;
            var r = Eval(b.Right, env);
            if (r is null) return null;
            switch (b.Op)
            {
                case "and":
                case "or":
                    if (l.Kind != ArgValueKind.Bool) return Fail(DiagnosticCatalog.TypeMismatch, b.Left, "a boolean", l.TypeName + " '" + l + "'");
                    if (r.Kind != ArgValueKind.Bool) return Fail(DiagnosticCatalog.TypeMismatch, b.Right, "a boolean", r.TypeName + " '" + r + "'");
                    return ArgValue.OfBool(b.Op == "and" ? l.Bool && r.Bool : l.Bool || r.Bool, b.Span);
                case "==":
                case "!=":
                    var equal = l.IsNumber && r.IsNumber ? l.Float == r.Float : l.Kind == r.Kind && SameValue(l, r);
                    return ArgValue.OfBool(b.Op == "==" ? equal : !equal, b.Span);
            }
            if (!l.IsNumber) return Fail(DiagnosticCatalog.TypeMismatch, b.Left, "a number", l.TypeName + " '" + l + "'");
            if (!r.IsNumber) return Fail(DiagnosticCatalog.TypeMismatch, b.Right, "a number", r.TypeName + " '" + r + "'");
            switch (b.Op)
            {
                case "<": return ArgValue.OfBool(l.Float < r.Float, b.Span);
                case "<=": return ArgValue.OfBool(l.Float <= r.Float, b.Span);
                case ">": return ArgValue.OfBool(l.Float > r.Float, b.Span);
                case ">=": return ArgValue.OfBool(l.Float >= r.Float, b.Span);
            }
            var integral = l.Kind == ArgValueKind.Int && r.Kind == ArgValueKind.Int;
            if ((b.Op == "/" || b.Op == "%") && r.Float == 0)
            {
                return Fail(DiagnosticCatalog.TypeMismatch, b.Right, "a non-zero divisor", "0");
            }
            if (integral)
            {
                long result;
                switch (b.Op)
                {
                    case "+": result = l.Int + r.Int; break;
                    case "-": result = l.Int - r.Int; break;
                    case "*": result = l.Int * r.Int; break;
                    case "/": result = l.Int / r.Int; break;
                    default: result = l.Int % r.Int; break;
                }
                if (result > int.MaxValue || result < -int.MaxValue) return Fail(DiagnosticCatalog.TypeMismatch, b, "an integer within 32 bits", "overflow");
                return ArgValue.OfInt(result, b.Span);
            }
            double f;
            switch (b.Op)
            {
                case "+": f = l.Float + r.Float; break;
                case "-": f = l.Float - r.Float; break;
                case "*": f = l.Float * r.Float; break;
                case "/": f = l.Float / r.Float; break;
                default: f = l.Float % r.Float; break;
            }
            if (double.IsInfinity(f) || double.IsNaN(f)) return Fail(DiagnosticCatalog.TypeMismatch, b, "a finite number", "overflow");
            return ArgValue.OfFloat(f, b.Span);
        }

        private static bool SameValue(ArgValue l, ArgValue r) => l.Kind switch
        {
            ArgValueKind.Bool => l.Bool == r.Bool,
            ArgValueKind.Tuple => l.Items.Equals(r.Items),
            _ => l.Text == r.Text,
        };

        private ArgValue? Fail(SpecDiagnosticDescriptor descriptor, Expr at, params object[] args)
        {
            _diagnostics.Add(SpecDiagnostic.Create(descriptor, at.Span, args));
            return null;
        }

        /// <summary>Names accepted as bare option values.</summary>
        public static IEnumerable<string> Options => OptionNames.OrderBy(n => n, StringComparer.Ordinal);

    }
}
