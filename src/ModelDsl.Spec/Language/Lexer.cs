using System.Collections.Generic;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Language
{
    /// <summary>
    /// Splits .mdsl text into tokens. Comments run from <c>#</c> or <c>//</c> to the end of the line.
    /// <c>3x224x224</c> is one Dims token. Bad characters become MDSL001 and are skipped.
    /// </summary>
    internal sealed class Lexer
    {
        private readonly string _text;
        private readonly string _path;
        private readonly List<SpecDiagnostic> _diagnostics;
        private int _pos;
        private int _line = 1;
        private int _lineStart;
        private readonly int _baseOffset;
        private readonly int _baseColumn;

        public Lexer(string text, string path, List<SpecDiagnostic> diagnostics)
        {
            _text = text;
            _path = path;
            _diagnostics = diagnostics;
        }

        /// <summary>Lexes a piece of a line (an interpolation hole) whose first character sits at <paramref name="origin"/>.</summary>
        public Lexer(string text, string path, List<SpecDiagnostic> diagnostics, SourceSpan origin)
            : this(text, path, diagnostics)
        {
            _baseOffset = origin.Start;
            _line = origin.Line;
            _baseColumn = origin.Column - 1;
        }

        public List<Token> Lex()
        {
            var tokens = new List<Token>();
            while (true)
            {
                SkipTrivia();
                if (_pos >= _text.Length)
                {
                    tokens.Add(new Token(TokenKind.End, string.Empty, SpanFrom(_pos, _line, _pos - _lineStart + 1)));
                    return tokens;
                }
                var token = Next();
                if (token.Kind == TokenKind.Error)
                {
                    _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.ParseError, token.Span, "unexpected text '" + token.Text + "'"));
                    continue;
                }
                tokens.Add(token);
            }
        }

        private void SkipTrivia()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == '\n')
                {
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                }
                else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\uFEFF')
                {
                    _pos++;
                }
                else if (c == '#' || (c == '/' && Peek(1) == '/'))
                {
                    while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
                }
                else
                {
                    return;
                }
            }
        }

        private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

        private SourceSpan SpanFrom(int start, int line, int column)
            => SourceSpan.OnLine(_path, _baseOffset + start, _pos - start, line, column + _baseColumn);

        private Token Next()
        {
            var start = _pos;
            var line = _line;
            var column = _pos - _lineStart + 1;
            var c = _text[_pos];
            if (IsIdentStart(c))
            {
                while (_pos < _text.Length && IsIdentPart(_text[_pos])) _pos++;
                return Make(TokenKind.Identifier, start, line, column);
            }
            if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(1))))
            {
                return Number(start, line, column);
            }
            if (c == '"')
            {
                _pos++;
                while (_pos < _text.Length && _text[_pos] != '"' && _text[_pos] != '\n') _pos++;
                if (_pos < _text.Length && _text[_pos] == '"')
                {
                    _pos++;
                    return new Token(TokenKind.String, _text.Substring(start + 1, _pos - start - 2), SpanFrom(start, line, column));
                }
                return Make(TokenKind.Error, start, line, column);
            }
            _pos++;
            var two = _pos < _text.Length ? _text[_pos] : '\0';
            switch (c)
            {
                case '(': return Make(TokenKind.LParen, start, line, column);
                case ')': return Make(TokenKind.RParen, start, line, column);
                case '{': return Make(TokenKind.LBrace, start, line, column);
                case '}': return Make(TokenKind.RBrace, start, line, column);
                case ',': return Make(TokenKind.Comma, start, line, column);
                case '[': return Make(TokenKind.LBracket, start, line, column);
                case ']': return Make(TokenKind.RBracket, start, line, column);
                case '.':
                    if (two == '.') { _pos++; return Make(TokenKind.DotDot, start, line, column); }
                    return Make(TokenKind.Error, start, line, column);
                case ':': return Make(TokenKind.Colon, start, line, column);
                case ';': return Make(TokenKind.Semicolon, start, line, column);
                case '+': return Make(TokenKind.Plus, start, line, column);
                case '-': return Make(TokenKind.Minus, start, line, column);
                case '*': return Make(TokenKind.Star, start, line, column);
                case '/': return Make(TokenKind.Slash, start, line, column);
                case '%': return Make(TokenKind.Percent, start, line, column);
                case '=':
                    if (two == '=') { _pos++; return Make(TokenKind.EqualEqual, start, line, column); }
                    return Make(TokenKind.Equals, start, line, column);
                case '!':
                    if (two == '=') { _pos++; return Make(TokenKind.NotEqual, start, line, column); }
                    return Make(TokenKind.Error, start, line, column);
                case '>':
                    if (two == '=') { _pos++; return Make(TokenKind.GreaterEqual, start, line, column); }
                    return Make(TokenKind.Greater, start, line, column);
                case '<':
                    if (two == '=') { _pos++; return Make(TokenKind.LessEqual, start, line, column); }
                    return Make(TokenKind.Less, start, line, column);
                default:
                    if (char.IsHighSurrogate(c) && _pos < _text.Length && char.IsLowSurrogate(_text[_pos])) _pos++;
                    return Make(TokenKind.Error, start, line, column);
            }
        }

        private Token Number(int start, int line, int column)
        {
            while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
            // 3x224x224: digits joined by 'x' form one dims literal.
            if (_pos + 1 < _text.Length && _text[_pos] == 'x' && char.IsDigit(_text[_pos + 1]))
            {
                while (_pos + 1 < _text.Length && _text[_pos] == 'x' && char.IsDigit(_text[_pos + 1]))
                {
                    _pos++;
                    while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
                }
                return Make(TokenKind.Dims, start, line, column);
            }
            var isFloat = false;
            if (_pos < _text.Length && _text[_pos] == '.' && char.IsDigit(Peek(1)))
            {
                isFloat = true;
                _pos++;
                while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
            }
            if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
            {
                var save = _pos;
                _pos++;
                if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
                if (_pos < _text.Length && char.IsDigit(_text[_pos]))
                {
                    isFloat = true;
                    while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
                }
                else
                {
                    _pos = save;
                }
            }
            if (_pos < _text.Length && IsIdentPart(_text[_pos]))
            {
                while (_pos < _text.Length && IsIdentPart(_text[_pos])) _pos++;
                return Make(TokenKind.Error, start, line, column);
            }
            return Make(isFloat ? TokenKind.Float : TokenKind.Int, start, line, column);
        }

        private Token Make(TokenKind kind, int start, int line, int column)
            => new Token(kind, _text.Substring(start, _pos - start), SpanFrom(start, line, column));

        private static bool IsIdentStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

        private static bool IsIdentPart(char c) => IsIdentStart(c) || (c >= '0' && c <= '9');
    }
}
