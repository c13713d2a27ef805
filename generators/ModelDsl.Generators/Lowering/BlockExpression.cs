using System;
using System.Collections.Generic;
using System.Globalization;

namespace ModelDsl.Generators.Lowering
{
    /// <summary>
    /// Evaluates the small expressions a <c>[Block]</c> class writes in string arguments: integers, booleans,
    /// parameter names, <c>in</c> (the block input's channels), <c>+ - * / %</c>, comparisons, <c>and or not</c>
    /// (also <c>&amp;&amp; || !</c>) and parentheses. Integer results are longs, conditions are bools.
    /// </summary>
    internal sealed class BlockExpression
    {
        private readonly string _text;
        private readonly Func<string, object?> _lookup;
        private int _pos;

        private BlockExpression(string text, Func<string, object?> lookup)
        {
            _text = text;
            _lookup = lookup;
        }

        /// <summary>Evaluates <paramref name="text"/>; on failure returns null and sets <paramref name="error"/>.</summary>
        public static object? Evaluate(string text, Func<string, object?> lookup, out string? error)
        {
            var parser = new BlockExpression(text, lookup);
            try
            {
                var value = parser.Or();
                parser.SkipSpaces();
                if (parser._pos < text.Length) throw new FormatException($"unexpected '{text.Substring(parser._pos)}'");
                error = null;
                return value;
            }
            catch (FormatException ex)
            {
                error = ex.Message;
                return null;
            }
        }

        private object Or()
        {
            var left = And();
            while (Accept("||") || AcceptWord("or")) left = AsBool(left) | AsBool(And());
            return left;
        }

        private object And()
        {
            var left = Comparison();
            while (Accept("&&") || AcceptWord("and")) left = AsBool(left) & AsBool(Comparison());
            return left;
        }

        private object Comparison()
        {
            var left = Sum();
            foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (!Accept(op)) continue;
                var right = Sum();
                if (op == "==") return Equals(left, right);
                if (op == "!=") return !Equals(left, right);
                var a = AsInt(left);
                var b = AsInt(right);
                return op switch { "<=" => a <= b, ">=" => a >= b, "<" => a < b, _ => a > b };
            }
            return left;
        }

        private object Sum()
        {
            var left = Product();
            while (true)
            {
                if (Accept("+")) left = AsInt(left) + AsInt(Product());
                else if (Accept("-")) left = AsInt(left) - AsInt(Product());
                else return left;
            }
        }

        private object Product()
        {
            var left = Unary();
            while (true)
            {
                if (Accept("*")) left = AsInt(left) * AsInt(Unary());
                else if (Accept("//") || Accept("/")) left = AsInt(left) / NonZero(AsInt(Unary()));
                else if (Accept("%")) left = AsInt(left) % NonZero(AsInt(Unary()));
                else return left;
            }
        }

        private object Unary()
        {
            if (Accept("!") || AcceptWord("not")) return !AsBool(Unary());
            if (Accept("-")) return -AsInt(Unary());
            return Primary();
        }

        private object Primary()
        {
            SkipSpaces();
            if (Accept("("))
            {
                var inner = Or();
                if (!Accept(")")) throw new FormatException("missing ')'");
                return inner;
            }
            var start = _pos;
            if (_pos < _text.Length && char.IsDigit(_text[_pos]))
            {
                while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
                return long.Parse(_text.Substring(start, _pos - start), CultureInfo.InvariantCulture);
            }
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            if (_pos == start) throw new FormatException(_pos < _text.Length ? $"unexpected '{_text[_pos]}'" : "expression ends too early");
            var name = _text.Substring(start, _pos - start);
            if (name == "true") return true;
            if (name == "false") return false;
            return _lookup(name) ?? throw new FormatException($"unknown name '{name}'");
        }

        private static long AsInt(object value) => value is long l ? l : throw new FormatException($"expected a number but got {Format(value)}");

        private static bool AsBool(object value) => value is bool b ? b : throw new FormatException($"expected true or false but got {Format(value)}");

        private static long NonZero(long value) => value != 0 ? value : throw new FormatException("division by zero");

        private static string Format(object value) => value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

        private bool Accept(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
            // '<' must not eat the first half of '<=' etc.; longer operators are tried first by the callers.
            _pos += token.Length;
            return true;
        }

        private bool AcceptWord(string word)
        {
            SkipSpaces();
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
            var end = _pos + word.Length;
            if (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
            _pos = end;
            return true;
        }

        private void SkipSpaces()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        }

        /// <summary>Parses a <c>[Block("a, b = 1, flag = false")]</c> parameter list into names and optional defaults.</summary>
        public static List<KeyValuePair<string, object?>> ParseParameters(string text, out string? error)
        {
            var result = new List<KeyValuePair<string, object?>>();
            error = null;
            if (string.IsNullOrWhiteSpace(text)) return result;
            foreach (var part in text.Split(','))
            {
                var pieces = part.Split(new[] { '=' }, 2);
                var name = pieces[0].Trim();
                if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
                {
                    error = $"'{part.Trim()}' is not a parameter name";
                    return result;
                }
                object? value = null;
                if (pieces.Length == 2)
                {
                    value = Evaluate(pieces[1].Trim(), _ => null, out error);
                    if (error is not null) return result;
                }
                result.Add(new KeyValuePair<string, object?>(name, value));
            }
            return result;
        }
    }
}
