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
            "horizontal", "vertical", "horizontal_and_vertical", "row", "batch",
        };

        /// <summary>Longest list a range may produce (a typo like 1..1000000000 must not exhaust memory).</summary>
        public const int MaxRange = 10000;

        private static readonly HashSet<string> Functions = new HashSet<string>(StringComparer.Ordinal)
        {
            "len", "min", "max", "int", "make_divisible",
        };

        private readonly List<SpecDiagnostic> _diagnostics;

        public Evaluator(List<SpecDiagnostic> diagnostics)
        {
            _diagnostics = diagnostics;
        }

        /// <summary>True for the built-in functions usable in expressions.</summary>
        public static bool IsFunction(string name) => Functions.Contains(name);

        public ArgValue? Eval(Expr expr, IReadOnlyDictionary<string, ArgValue> env)
        {
            switch (expr)
            {
                case LiteralExpr lit:
                    return lit.Value;
                case NameExpr name:
                    if (env.TryGetValue(name.Name, out var bound)) return bound.At(name.Span);
                    if (OptionNames.Contains(name.Name)) return ArgValue.OfName(name.Name, name.Span);
                    Fail(DiagnosticCatalog.UnknownIdentifier, expr, name.Name);
                    Suggest(name.Name, name.Span, env.Keys.Concat(OptionNames));
                    return null;
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
                case ListExpr list:
                    var elements = new List<ArgValue>();
                    foreach (var item in list.Items)
                    {
                        var v = Eval(item, env);
                        if (v is null) return null;
                        elements.Add(v);
                    }
                    return ArgValue.OfList(list.Span, elements.ToArray());
                case IndexExpr index:
                    return EvalIndex(index, env);
                case RangeExpr range:
                    return EvalRange(range, env);
                case InterpolatedExpr text:
                    var sb = new System.Text.StringBuilder();
                    foreach (var part in text.Parts)
                    {
                        var v = Eval(part, env);
                        if (v is null) return null;
                        sb.Append(Show(v));
                    }
                    return ArgValue.OfString(sb.ToString(), text.Span);
                case FunctionExpr function:
                    return EvalFunction(function, env);
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
            if (b.Op == "+" && (l.Kind == ArgValueKind.String || r.Kind == ArgValueKind.String))
            {
                return ArgValue.OfString(Show(l) + Show(r), b.Span);
            }
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
            ArgValueKind.List => l.Elements.Count == r.Elements.Count
                && l.Elements.Zip(r.Elements, (a, c) => a.IsNumber && c.IsNumber ? a.Float == c.Float : a.Kind == c.Kind && SameValue(a, c)).All(same => same),
            _ => l.Text == r.Text,
        };

        // How a value reads inside a string: no quotes around strings, digits for numbers.
        private static string Show(ArgValue v) => v.Kind == ArgValueKind.String ? v.Text : v.ToString();

        private ArgValue? EvalIndex(IndexExpr e, IReadOnlyDictionary<string, ArgValue> env)
        {
            var target = Eval(e.Target, env);
            if (target is null) return null;
            var index = Eval(e.Index, env);
            if (index is null) return null;
            if (index.Kind != ArgValueKind.Int) return Fail(DiagnosticCatalog.TypeMismatch, e.Index, "an integer index", index.TypeName + " '" + index + "'");
            int count;
            if (target.Kind == ArgValueKind.List) count = target.Elements.Count;
            else if (target.Kind == ArgValueKind.Tuple) count = target.Items.Count;
            else return Fail(DiagnosticCatalog.TypeMismatch, e.Target, "a list or tuple to index", target.TypeName + " '" + target + "'");
            var i = index.Int < 0 ? index.Int + count : index.Int;
            if (i < 0 || i >= count) return Fail(DiagnosticCatalog.IndexOutOfRange, e.Index, index.Int, count);
            return target.Kind == ArgValueKind.List ? target.Elements[(int)i].At(e.Span) : ArgValue.OfInt(target.Items[(int)i], e.Span);
        }

        private ArgValue? EvalRange(RangeExpr e, IReadOnlyDictionary<string, ArgValue> env)
        {
            var from = Eval(e.From, env);
            if (from is null) return null;
            var to = Eval(e.To, env);
            if (to is null) return null;
            if (from.Kind != ArgValueKind.Int) return Fail(DiagnosticCatalog.TypeMismatch, e.From, "an integer range bound", from.TypeName + " '" + from + "'");
            if (to.Kind != ArgValueKind.Int) return Fail(DiagnosticCatalog.TypeMismatch, e.To, "an integer range bound", to.TypeName + " '" + to + "'");
            if (to.Int - from.Int >= MaxRange) return Fail(DiagnosticCatalog.TypeMismatch, e, "a range of at most " + MaxRange.ToString(System.Globalization.CultureInfo.InvariantCulture) + " values", from + ".." + to);
            var items = new List<ArgValue>();
            for (var i = from.Int; i <= to.Int; i++) items.Add(ArgValue.OfInt(i, e.Span));
            return ArgValue.OfList(e.Span, items.ToArray());
        }

        private ArgValue? EvalFunction(FunctionExpr f, IReadOnlyDictionary<string, ArgValue> env)
        {
            var args = new List<ArgValue>();
            foreach (var a in f.Args)
            {
                var v = Eval(a, env);
                if (v is null) return null;
                args.Add(v);
            }
            switch (f.Name)
            {
                case "len":
                    if (args.Count != 1) return Fail(DiagnosticCatalog.WrongArgumentCount, f, "len", "1 argument", args.Count);
                    if (args[0].Kind == ArgValueKind.List) return ArgValue.OfInt(args[0].Elements.Count, f.Span);
                    if (args[0].Kind == ArgValueKind.Tuple) return ArgValue.OfInt(args[0].Items.Count, f.Span);
                    return Fail(DiagnosticCatalog.TypeMismatch, f.Args[0], "a list or tuple", args[0].TypeName + " '" + args[0] + "'");
                case "min":
                case "max":
                    if (args.Count < 1) return Fail(DiagnosticCatalog.WrongArgumentCount, f, f.Name, "at least 1 argument", 0);
                    var best = args[0];
                    for (var i = 0; i < args.Count; i++)
                    {
                        if (!args[i].IsNumber) return Fail(DiagnosticCatalog.TypeMismatch, f.Args[i], "a number", args[i].TypeName + " '" + args[i] + "'");
                        if (f.Name == "min" ? args[i].Float < best.Float : args[i].Float > best.Float) best = args[i];
                    }
                    return best.At(f.Span);
                case "int":
                    if (args.Count != 1) return Fail(DiagnosticCatalog.WrongArgumentCount, f, "int", "1 argument", args.Count);
                    if (!args[0].IsNumber || Math.Abs(args[0].Float) > int.MaxValue) return Fail(DiagnosticCatalog.TypeMismatch, f.Args[0], "a number within 32 bits", args[0].TypeName + " '" + args[0] + "'");
                    return ArgValue.OfInt((long)Math.Truncate(args[0].Float), f.Span);
                default:
                    // torchvision's _make_divisible(v, d): round to the nearest multiple of d, at least d, never below 90% of v.
                    if (args.Count != 2) return Fail(DiagnosticCatalog.WrongArgumentCount, f, f.Name, "2 arguments", args.Count);
                    if (!args[0].IsNumber || args[0].Float < 0 || args[0].Float > int.MaxValue) return Fail(DiagnosticCatalog.TypeMismatch, f.Args[0], "a non-negative number", args[0].TypeName + " '" + args[0] + "'");
                    if (args[1].Kind != ArgValueKind.Int || args[1].Int <= 0) return Fail(DiagnosticCatalog.TypeMismatch, f.Args[1], "a positive integer", args[1].TypeName + " '" + args[1] + "'");
                    var v0 = args[0].Float;
                    var d = args[1].Int;
                    var rounded = Math.Max(d, (long)(v0 + d / 2.0) / d * d);
                    if (rounded < 0.9 * v0) rounded += d;
                    return ArgValue.OfInt(rounded, f.Span);
            }
        }

        private void Suggest(string name, Text.SourceSpan span, IEnumerable<string> candidates)
        {
            var best = Suggestions.Closest(name, candidates);
            if (best is null) return;
            var last = _diagnostics.Count - 1;
            _diagnostics[last] = _diagnostics[last].WithNote(span, "did you mean '" + best + "'?");
        }

        private ArgValue? Fail(SpecDiagnosticDescriptor descriptor, Expr at, params object[] args)
        {
            _diagnostics.Add(SpecDiagnostic.Create(descriptor, at.Span, args));
            return null;
        }

        /// <summary>Names accepted as bare option values.</summary>
        public static IEnumerable<string> Options => OptionNames.OrderBy(n => n, StringComparer.Ordinal);

    }
}
