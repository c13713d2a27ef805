using System;
using System.Collections.Generic;

namespace ModelDsl.Spec.Diagnostics
{
    /// <summary>"Did you mean ...?": the known name closest to a misspelt one.</summary>
    public static class Suggestions
    {
        /// <summary>
        /// The candidate with the smallest edit distance (insert, delete, substitute, swap adjacent;
        /// case differences are free), if it is at most a third of the name's length (at least 1) away.
        /// </summary>
        public static string? Closest(string name, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = Math.Max(1, name.Length / 3) + 1;
            foreach (var candidate in candidates)
            {
                if (candidate == name || candidate.Length == 0) continue;
                var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (d < bestDistance || (d == bestDistance && best != null && string.CompareOrdinal(candidate, best) < 0))
                {
                    bestDistance = d;
                    best = candidate;
                }
            }
            return best;
        }

        /// <summary>Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of one substring).</summary>
        public static int Distance(string a, string b)
        {
            if (Math.Abs(a.Length - b.Length) > 8) return Math.Abs(a.Length - b.Length);
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (var j = 0; j <= b.Length; j++) d[0, j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                    d[i, j] = v;
                }
            }
            return d[a.Length, b.Length];
        }
    }
}
