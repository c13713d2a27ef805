using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Language
{
    /// <summary>
    /// Recursive-descent parser for .mdsl (grammar in docs/mdsl-reference.md). On a syntax error it
    /// reports MDSL001 at the offending token and skips to the next <c>model</c>/<c>block</c>, so the
    /// other declarations still compile.
    /// </summary>
    internal sealed class Parser
    {
        private const int MaxDepth = 64;
        private readonly List<Token> _tokens;
        private readonly List<SpecDiagnostic> _diagnostics;
        private readonly string _path;
        private int _pos;
        private int _depth;
        private int _operators;
        private const int MaxOperators = 256;

        private sealed class SyntaxError : Exception
        {
        }

        public Parser(List<Token> tokens, string path, List<SpecDiagnostic> diagnostics)
        {
            _tokens = tokens;
            _path = path;
            _diagnostics = diagnostics;
        }

        public static SpecFile Parse(string text, string path, List<SpecDiagnostic> diagnostics)
        {
            var tokens = new Lexer(text, path, diagnostics).Lex();
            return new Parser(tokens, path, diagnostics).ParseFile();
        }

        private Token Current => _tokens[_pos];

        private Token Advance()
        {
            var t = _tokens[_pos];
            if (t.Kind != TokenKind.End) _pos++;
            return t;
        }

        private Token Previous => _tokens[Math.Max(0, _pos - 1)];

        private SyntaxError Error(Token at, string message)
        {
            _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.ParseError, at.Span, message));
            return new SyntaxError();
        }

        private Token Expect(TokenKind kind, string what)
        {
            if (Current.Kind != kind) throw Error(Current, "expected " + what + " but found " + Current.Describe());
            return Advance();
        }

        private bool Accept(TokenKind kind)
        {
            if (Current.Kind != kind) return false;
            Advance();
            return true;
        }

        private SpecFile ParseFile()
        {
            var decls = new List<Decl>();
            var defaults = new List<DefaultsStmt>();
            while (Current.Kind != TokenKind.End)
            {
                var start = _pos;
                try
                {
                    if (Current.IsKeyword("defaults"))
                    {
                        _operators = 0;
                        defaults.Add(ParseDefaults());
                    }
                    else
                    {
                        decls.Add(ParseDecl());
                    }
                }
                catch (SyntaxError)
                {
                    _depth = 0;
                    if (_pos == start) Advance();
                    while (Current.Kind != TokenKind.End && !(Current.IsKeyword("model") || Current.IsKeyword("block") || Current.IsKeyword("macro") || Current.IsKeyword("defaults")))
                    {
                        Advance();
                    }
                }
            }
            return new SpecFile(_path, decls) { Defaults = defaults };
        }

        private Decl ParseDecl()
        {
            var keyword = Current;
            if (!keyword.IsKeyword("model") && !keyword.IsKeyword("block") && !keyword.IsKeyword("macro"))
            {
                throw Error(keyword, "expected 'model' or 'block' but found " + keyword.Describe());
            }
            Advance();
            var name = Expect(TokenKind.Identifier, "a name");
            var parameters = new List<Param>();
            if (Accept(TokenKind.LParen))
            {
                if (Current.Kind != TokenKind.RParen)
                {
                    do
                    {
                        _operators = 0;
                        var pname = Expect(TokenKind.Identifier, "a parameter name");
                        Expr? def = null;
                        if (Accept(TokenKind.Equals)) def = ParseExpr();
                        parameters.Add(new Param(pname.Text, pname.Span, def));
                    }
                    while (Accept(TokenKind.Comma));
                }
                Expect(TokenKind.RParen, "')' or ','");
            }
            var body = ParseBody();
            return new Decl(keyword.Text == "model", name.Text, name.Span, parameters, body, keyword.Span.Union(Previous.Span)) { IsMacro = keyword.Text == "macro" };
        }

        private List<Stmt> ParseBody()
        {
            Expect(TokenKind.LBrace, "'{'");
            if (++_depth > MaxDepth) throw Error(Previous, "nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            var stmts = new List<Stmt>();
            while (Current.Kind != TokenKind.RBrace)
            {
                if (Current.Kind == TokenKind.End) throw Error(Current, "expected '}' but found end of file");
                if (Accept(TokenKind.Greater) || Accept(TokenKind.Semicolon)) continue;
                stmts.Add(ParseStmt());
            }
            Advance();
            _depth--;
            return stmts;
        }

        private Stmt ParseStmt()
        {
            _operators = 0;
            var first = Current;
            if (first.IsKeyword("if")) return ParseIf();
            if (first.IsKeyword("repeat"))
            {
                Advance();
                string? variable = null;
                if (Current.Kind == TokenKind.Identifier && Peek(1).IsKeyword("in"))
                {
                    variable = Advance().Text;
                    if (IsReserved(variable)) throw Error(Previous, "'" + variable + "' cannot be used here");
                    Advance();
                }
                var count = ParseExpr();
                var body = ParseBody();
                return new RepeatStmt(count, body, first.Span.Union(Previous.Span)) { Variable = variable };
            }
            if (first.IsKeyword("defaults") && Peek(1).Kind == TokenKind.Identifier) return ParseDefaults();
            if (first.Kind == TokenKind.String && Peek(1).Kind == TokenKind.Colon)
            {
                // A computed label: "denselayer{i}": ...
                var labelExpr = ParseStringLiteral(Advance());
                Advance();
                if (Current.Kind == TokenKind.LBrace)
                {
                    var groupBody = ParseBody();
                    return new GroupStmt(string.Empty, groupBody, first.Span.Union(Previous.Span)) { LabelExpr = labelExpr };
                }
                if (Current.IsKeyword("fork")) return ParseFork(first, null, labelExpr);
                if (Current.Kind != TokenKind.Identifier) throw Error(Current, "expected a layer, block call or statement but found " + Current.Describe());
                return ParseCall(null, first) with { LabelExpr = labelExpr };
            }
            if (first.IsKeyword("residual"))
            {
                Advance();
                Expr? cond = null;
                if (Current.IsKeyword("if"))
                {
                    Advance();
                    cond = ParseExpr();
                }
                var body = ParseBody();
                return new ResidualStmt(cond, body, first.Span.Union(Previous.Span));
            }
            string? label = null;
            if (first.Kind == TokenKind.Identifier && _tokens[Math.Min(_pos + 1, _tokens.Count - 1)].Kind == TokenKind.Colon)
            {
                label = first.Text;
                Advance();
                Advance();
                if (Current.Kind == TokenKind.LBrace)
                {
                    var body = ParseBody();
                    return new GroupStmt(label, body, first.Span.Union(Previous.Span));
                }
            }
            if (Current.IsKeyword("fork")) return ParseFork(first, label);
            if (Current.Kind != TokenKind.Identifier) throw Error(Current, "expected a layer, block call or statement but found " + Current.Describe());
            return ParseCall(label, first);
        }

        private Token Peek(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

        private DefaultsStmt ParseDefaults()
        {
            var keyword = Advance();
            var call = ParseCall(null, Current);
            return new DefaultsStmt(call, keyword.Span.Union(Previous.Span));
        }

        private CallStmt ParseCall(string? label, Token first)
        {
            var name = Expect(TokenKind.Identifier, "a layer or block name");
            if (IsReserved(name.Text)) throw Error(name, "'" + name.Text + "' cannot be used here");
            var args = new List<Arg>();
            if (Accept(TokenKind.LParen))
            {
                if (Current.Kind != TokenKind.RParen)
                {
                    do
                    {
                        if (Current.Kind == TokenKind.Identifier && _tokens[Math.Min(_pos + 1, _tokens.Count - 1)].Kind == TokenKind.Equals)
                        {
                            var argName = Advance();
                            Advance();
                            args.Add(new Arg(argName.Text, argName.Span, ParseExpr()));
                        }
                        else
                        {
                            var value = ParseExpr();
                            args.Add(new Arg(null, value.Span, value));
                        }
                    }
                    while (Accept(TokenKind.Comma));
                }
                Expect(TokenKind.RParen, "')' or ','");
            }
            return new CallStmt(label, name.Text, args, name.Span, first.Span.Union(Previous.Span));
        }

        private static bool IsReserved(string word)
            => word == "model" || word == "block" || word == "if" || word == "else" || word == "repeat" || word == "fork" || word == "residual"
                || word == "macro" || word == "defaults";

        private Stmt ParseFork(Token first, string? label, Expr? labelExpr = null)
        {
            var keyword = Advance();
            var merge = ParseCall(label, Current) with { LabelExpr = labelExpr };
            var branches = new List<IReadOnlyList<Stmt>>();
            while (Current.Kind == TokenKind.LBrace) branches.Add(ParseBody());
            if (branches.Count < 2) throw Error(Current, "a fork needs at least two branches '{ ... } { ... }' but found " + Current.Describe());
            return new ForkStmt(merge, branches, first.Span.Union(keyword.Span).Union(Previous.Span));
        }

        private Stmt ParseIf()
        {
            var keyword = Advance();
            var cond = ParseExpr();
            var then = ParseBody();
            IReadOnlyList<Stmt> otherwise = Array.Empty<Stmt>();
            if (Current.IsKeyword("else"))
            {
                Advance();
                otherwise = Current.IsKeyword("if") ? new[] { ParseIf() } : ParseBody();
            }
            return new IfStmt(cond, then, otherwise, keyword.Span.Union(Previous.Span));
        }

        private Expr ParseExpr()
        {
            if (++_depth > MaxDepth) throw Error(Current, "expression nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            var e = ParseOr();
            if (Accept(TokenKind.DotDot))
            {
                var to = ParseOr();
                e = new RangeExpr(e, to, e.Span.Union(to.Span));
            }
            // Python-style conditional: `same if keras else 1`. An expression is always followed by
            // ',' ')' or '{' otherwise, so a trailing 'if' is unambiguous.
            if (Current.IsKeyword("if"))
            {
                Advance();
                var condition = ParseOr();
                if (!Current.IsKeyword("else")) throw Error(Current, "expected 'else' in a conditional expression but found " + Current.Describe());
                Advance();
                var otherwise = ParseExpr();
                e = new ConditionalExpr(condition, e, otherwise, e.Span.Union(otherwise.Span));
            }
            _depth--;
            return e;
        }

        // Bounds the size of one expression: evaluation recurses over the tree, and a spec must not
        // be able to overflow the stack of the IDE process.
        private Expr Binary(string op, Expr left, Expr right, SourceSpan span)
        {
            if (++_operators > MaxOperators) throw Error(Previous, "expression has more than " + MaxOperators.ToString(CultureInfo.InvariantCulture) + " operators");
            return new BinaryExpr(op, left, right, span);
        }

        private Expr ParseOr()
        {
            var left = ParseAnd();
            while (Current.IsKeyword("or"))
            {
                Advance();
                var right = ParseAnd();
                left = Binary("or", left, right, left.Span.Union(right.Span));
            }
            return left;
        }

        private Expr ParseAnd()
        {
            var left = ParseNot();
            while (Current.IsKeyword("and"))
            {
                Advance();
                var right = ParseNot();
                left = Binary("and", left, right, left.Span.Union(right.Span));
            }
            return left;
        }

        private Expr ParseNot()
        {
            if (Current.IsKeyword("not"))
            {
                var op = Advance();
                if (++_operators > MaxOperators) throw Error(op, "expression has more than " + MaxOperators.ToString(CultureInfo.InvariantCulture) + " operators");
                var operand = ParseNot();
                return new UnaryExpr("not", operand, op.Span.Union(operand.Span));
            }
            return ParseComparison();
        }

        private Expr ParseComparison()
        {
            var left = ParseAdditive();
            var kind = Current.Kind;
            if (kind == TokenKind.EqualEqual || kind == TokenKind.NotEqual || kind == TokenKind.Less || kind == TokenKind.LessEqual
                || kind == TokenKind.Greater || kind == TokenKind.GreaterEqual)
            {
                var op = Advance();
                var right = ParseAdditive();
                return Binary(op.Text, left, right, left.Span.Union(right.Span));
            }
            return left;
        }

        private Expr ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (Current.Kind == TokenKind.Plus || Current.Kind == TokenKind.Minus)
            {
                var op = Advance();
                var right = ParseMultiplicative();
                left = Binary(op.Text, left, right, left.Span.Union(right.Span));
            }
            return left;
        }

        private Expr ParseMultiplicative()
        {
            var left = ParseUnary();
            while (Current.Kind == TokenKind.Star || Current.Kind == TokenKind.Slash || Current.Kind == TokenKind.Percent)
            {
                var op = Advance();
                var right = ParseUnary();
                left = Binary(op.Text, left, right, left.Span.Union(right.Span));
            }
            return left;
        }

        private Expr ParseUnary()
        {
            if (Current.Kind == TokenKind.Minus)
            {
                var op = Advance();
                if (++_operators > MaxOperators) throw Error(op, "expression has more than " + MaxOperators.ToString(CultureInfo.InvariantCulture) + " operators");
                var operand = ParseUnary();
                return new UnaryExpr("-", operand, op.Span.Union(operand.Span));
            }
            var e = ParsePrimary();
            while (Current.Kind == TokenKind.LBracket)
            {
                Advance();
                if (++_operators > MaxOperators) throw Error(Previous, "expression has more than " + MaxOperators.ToString(CultureInfo.InvariantCulture) + " operators");
                var index = ParseExpr();
                var close = Expect(TokenKind.RBracket, "']'");
                e = new IndexExpr(e, index, e.Span.Union(close.Span));
            }
            return e;
        }

        // "denselayer{i}": the holes are parsed as expressions located inside the string.
        private Expr ParseStringLiteral(Token t)
        {
            var text = t.Text;
            if (text.IndexOf('{') < 0 && text.IndexOf('}') < 0) return new LiteralExpr(ArgValue.OfString(text, t.Span), t.Span);
            var parts = new List<Expr>();
            var i = 0;
            while (i < text.Length)
            {
                var open = text.IndexOf('{', i);
                var stray = text.IndexOf('}', i);
                if (stray >= 0 && (open < 0 || stray < open)) throw Error(HoleToken(t, stray, 1), "'}' without '{' in a string (labels are written \"name{expr}\")");
                if (open < 0)
                {
                    parts.Add(Piece(t, i, text.Length - i));
                    break;
                }
                if (open > i) parts.Add(Piece(t, i, open - i));
                var close = text.IndexOf('}', open);
                if (close < 0) throw Error(HoleToken(t, open, 1), "'{' without '}' in a string");
                var hole = HoleToken(t, open + 1, close - open - 1);
                if (close == open + 1) throw Error(HoleToken(t, open, 2), "empty '{}' in a string");
                var tokens = new Lexer(hole.Text, _path, _diagnostics, hole.Span).Lex();
                var inner = new Parser(tokens, _path, _diagnostics) { _depth = _depth };
                var expr = inner.ParseExpr();
                if (inner.Current.Kind != TokenKind.End) throw Error(inner.Current, "expected '}' but found " + inner.Current.Describe());
                parts.Add(expr);
                i = close + 1;
            }
            return new InterpolatedExpr(parts, t.Span);
        }

        private static Expr Piece(Token t, int offset, int length)
        {
            var piece = HoleToken(t, offset, length);
            return new LiteralExpr(ArgValue.OfString(piece.Text, piece.Span), piece.Span);
        }

        // The token for characters [offset, offset+length) of a string token's content (after the opening quote).
        private static Token HoleToken(Token t, int offset, int length)
        {
            var span = SourceSpan.OnLine(t.Span.Path, t.Span.Start + 1 + offset, length, t.Span.Line, t.Span.Column + 1 + offset);
            return new Token(TokenKind.String, t.Text.Substring(offset, length), span);
        }

        private Expr ParsePrimary()
        {
            var t = Current;
            switch (t.Kind)
            {
                case TokenKind.Int:
                    Advance();
                    if (!long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i > int.MaxValue)
                    {
                        throw Error(t, "integer " + t.Text + " is too large");
                    }
                    return new LiteralExpr(ArgValue.OfInt(i, t.Span), t.Span);
                case TokenKind.Float:
                    Advance();
                    var f = double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (double.IsInfinity(f)) throw Error(t, "number " + t.Text + " is too large");
                    return new LiteralExpr(ArgValue.OfFloat(f, t.Span), t.Span);
                case TokenKind.Dims:
                    Advance();
                    var dims = new List<int>();
                    foreach (var part in t.Text.Split('x'))
                    {
                        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) throw Error(t, "dimension " + part + " is too large");
                        dims.Add(d);
                    }
                    return new LiteralExpr(ArgValue.OfTuple(t.Span, dims.ToArray()), t.Span);
                case TokenKind.String:
                    Advance();
                    return ParseStringLiteral(t);
                case TokenKind.LBracket:
                    Advance();
                    var elements = new List<Expr>();
                    if (Current.Kind != TokenKind.RBracket)
                    {
                        do
                        {
                            if (Current.Kind == TokenKind.RBracket) break;
                            elements.Add(ParseExpr());
                        }
                        while (Accept(TokenKind.Comma));
                    }
                    var closeBracket = Expect(TokenKind.RBracket, "']' or ','");
                    return new ListExpr(elements, t.Span.Union(closeBracket.Span));
                case TokenKind.Identifier:
                    if (t.Text == "true" || t.Text == "false")
                    {
                        Advance();
                        return new LiteralExpr(ArgValue.OfBool(t.Text == "true", t.Span), t.Span);
                    }
                    if (IsReserved(t.Text) || t.Text == "and" || t.Text == "or" || t.Text == "not")
                    {
                        throw Error(t, "expected a value but found " + t.Describe());
                    }
                    Advance();
                    if (Current.Kind == TokenKind.LParen && Evaluator.IsFunction(t.Text))
                    {
                        Advance();
                        var fargs = new List<Expr>();
                        if (Current.Kind != TokenKind.RParen)
                        {
                            do fargs.Add(ParseExpr());
                            while (Accept(TokenKind.Comma));
                        }
                        var fclose = Expect(TokenKind.RParen, "')' or ','");
                        return new FunctionExpr(t.Text, fargs, t.Span, t.Span.Union(fclose.Span));
                    }
                    return new NameExpr(t.Text, t.Span);
                case TokenKind.LParen:
                    Advance();
                    var items = new List<Expr> { ParseExpr() };
                    var isTuple = false;
                    while (Accept(TokenKind.Comma))
                    {
                        isTuple = true;
                        items.Add(ParseExpr());
                    }
                    var close = Expect(TokenKind.RParen, "')' or ','");
                    return isTuple ? new TupleExpr(items, t.Span.Union(close.Span)) : items[0];
                default:
                    throw Error(t, "expected a value but found " + t.Describe());
            }
        }
    }
}
