using System.Collections.Generic;
using System.Text;

namespace ModelDsl.Spec.Summary
{
    /// <summary>Fixed-width column layout shared by the renderers (columns widen to fit their content).</summary>
    internal sealed class TableWriter
    {
        private readonly int[] _widths;
        private readonly StringBuilder _sb = new StringBuilder();

        public TableWriter(int[] minimumWidths, IEnumerable<string[]> cells)
        {
            _widths = (int[])minimumWidths.Clone();
            foreach (var row in cells)
            {
                for (var i = 0; i < row.Length && i < _widths.Length; i++)
                {
                    if (row[i].Length + 1 > _widths[i]) _widths[i] = row[i].Length + 1;
                }
            }
        }

        public int Width
        {
            get
            {
                var sum = 0;
                foreach (var w in _widths) sum += w;
                return sum;
            }
        }

        public void Row(params string[] cells)
        {
            var line = new StringBuilder();
            for (var i = 0; i < cells.Length; i++)
            {
                line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(_widths[i]));
            }
            Line(line.ToString().TrimEnd());
        }

        public void Rule(char c) => Line(new string(c, Width));

        public void Line(string text) => _sb.Append(text).Append('\n');

        public override string ToString() => _sb.ToString();
    }
}
