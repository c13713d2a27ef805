using System;
using System.Text;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// A StringBuilder that tracks indentation, so emitters write stable, readable code without
    /// NormalizeWhitespace (which is slow and changes with Roslyn versions).
    /// </summary>
    internal sealed class SourceWriter
    {
        private const int SpacesPerLevel = 4;
        private readonly StringBuilder _builder = new StringBuilder();

        /// <summary>Current indentation level.</summary>
        public int Indentation { get; private set; }

        /// <summary>Writes one line at the current indentation (an empty line stays empty).</summary>
        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                _builder.Append(' ', Indentation * SpacesPerLevel);
                _builder.Append(text);
            }
            _builder.Append('\n');
            return this;
        }

        /// <summary>Writes a multi-line block, each line at the current indentation.</summary>
        public SourceWriter Lines(string text)
        {
            foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
            {
                Line(line);
            }
            return this;
        }

        /// <summary>Writes <c>{</c> and indents.</summary>
        public SourceWriter Open(string brace = "{")
        {
            Line(brace);
            Indentation++;
            return this;
        }

        /// <summary>Unindents and writes <c>}</c> (or the given closing text).</summary>
        public SourceWriter Close(string brace = "}")
        {
            if (Indentation == 0) throw new InvalidOperationException("Unbalanced Close in SourceWriter.");
            Indentation--;
            Line(brace);
            return this;
        }

        /// <summary>Indents one level without writing a brace (continuation lines).</summary>
        public SourceWriter Indent()
        {
            Indentation++;
            return this;
        }

        /// <summary>Undoes <see cref="Indent"/>.</summary>
        public SourceWriter Unindent()
        {
            if (Indentation == 0) throw new InvalidOperationException("Unbalanced Unindent in SourceWriter.");
            Indentation--;
            return this;
        }

        /// <summary>The text written so far.</summary>
        public override string ToString() => _builder.ToString();
    }
}
