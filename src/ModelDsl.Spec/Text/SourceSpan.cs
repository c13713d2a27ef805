using System;
using System.Globalization;

namespace ModelDsl.Spec.Text
{
    /// <summary>
    /// Where an IR node or a diagnostic comes from. Opaque to the IR: the text front end fills it from
    /// the .mdsl file, the attribute front end from attribute syntax. Lines and columns are 1-based;
    /// <see cref="Start"/> and <see cref="Length"/> are 0-based character offsets into the file.
    /// </summary>
    /// <param name="Path">The file path (or any id the front end chooses).</param>
    /// <param name="Start">0-based character offset of the first character.</param>
    /// <param name="Length">Length in characters.</param>
    /// <param name="Line">1-based start line.</param>
    /// <param name="Column">1-based start column.</param>
    /// <param name="EndLine">1-based end line.</param>
    /// <param name="EndColumn">1-based column just past the last character.</param>
    public sealed record SourceSpan(string Path, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
    {
        /// <summary>A span that points nowhere (used for synthesized nodes).</summary>
        public static SourceSpan None { get; } = new SourceSpan(string.Empty, 0, 0, 0, 0, 0, 0);

        /// <summary>True when this span carries a real location.</summary>
        public bool IsKnown => Line > 0;

        /// <summary>Creates a single-line span.</summary>
        public static SourceSpan OnLine(string path, int start, int length, int line, int column)
            => new SourceSpan(path, start, length, line, column, line, column + length);

        /// <summary>The smallest span covering this one and <paramref name="other"/> (same file).</summary>
        public SourceSpan Union(SourceSpan other)
        {
            if (!IsKnown) return other;
            if (!other.IsKnown) return this;
            var first = Start <= other.Start ? this : other;
            var last = End >= other.End ? this : other;
            return new SourceSpan(Path, first.Start, last.End - first.Start, first.Line, first.Column, last.EndLine, last.EndColumn);
        }

        /// <summary>0-based offset just past the span.</summary>
        public int End => Start + Length;

        /// <summary>MSBuild-style <c>path(line,col)</c>.</summary>
        public override string ToString()
            => string.Format(CultureInfo.InvariantCulture, "{0}({1},{2})", Path, Line, Column);
    }
}
