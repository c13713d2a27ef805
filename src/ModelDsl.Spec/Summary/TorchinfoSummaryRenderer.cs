using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ModelDsl.Spec.Summary
{
    /// <summary>
    /// Renders a torchinfo-like table: the module tree (containers with their total parameters, then
    /// layers as <c>Type (name)</c>), Kernel Shape, Output Shape (NCHW, batch 1), Param #, Param %,
    /// Mult-Adds; then totals, buffers, mult-adds and the input / forward-backward / params / total
    /// size estimates in MB (10^6 bytes, as torchinfo).
    /// </summary>
    public static class TorchinfoSummaryRenderer
    {
        /// <summary>Renders the table (lines end with '\n').</summary>
        public static string Render(ModelSummary summary)
        {
            var total = summary.TorchParams;
            var header = new[] { "Layer (type (var_name))", "Kernel Shape", "Output Shape", "Param #", "Param %", "Mult-Adds" };
            var first = new[] { summary.ModelName, "--", summary.Rows.Count > 0 ? summary.Rows[summary.Rows.Count - 1].OutputShape?.ToTorchString() ?? "?" : "?", "--", "--", "--" };
            var cells = TreeCells(summary, total).ToList();
            var table = new TableWriter(new[] { 40, 14, 22, 14, 9, 14 }, cells.Concat(new[] { header, first }));
            table.Rule('=');
            table.Row(header);
            table.Rule('=');
            table.Row(first);
            foreach (var c in cells) table.Row(c);
            table.Rule('=');
            table.Line("Total params: " + KerasSummaryRenderer.Count(total));
            table.Line("Trainable params: " + KerasSummaryRenderer.Count(summary.TrainableParams));
            table.Line("Non-trainable params: 0");
            table.Line("Buffers (BatchNorm running stats, num_batches_tracked): " + KerasSummaryRenderer.Count(summary.TorchBufferElements));
            table.Line("Total mult-adds (M): " + Mega(summary.MultAdds));
            table.Rule('=');
            table.Line("Input size (MB): " + Mega(summary.InputBytes));
            table.Line("Forward/backward pass size (MB): " + Mega(summary.ForwardBackwardBytes));
            table.Line("Params size (MB): " + Mega(summary.ParamBytes));
            table.Line("Estimated Total Size (MB): " + Mega(summary.TotalBytes));
            table.Rule('=');
            return table.ToString();
        }

        private static IEnumerable<string[]> TreeCells(ModelSummary summary, long total)
        {
            var containers = summary.Containers.ToDictionary(c => c.Path, c => c.TypeName);
            var opened = new HashSet<string>();
            var rows = summary.Rows.Skip(1).ToList();
            foreach (var row in rows)
            {
                var segments = row.ModulePath.Split('.');
                for (var depth = 1; depth < segments.Length; depth++)
                {
                    var prefix = string.Join(".", segments.Take(depth));
                    if (!containers.TryGetValue(prefix, out var type) || !opened.Add(prefix)) continue;
                    var inside = rows.Where(r => r.ModulePath.StartsWith(prefix + ".", System.StringComparison.Ordinal)).ToList();
                    var parameters = inside.Sum(r => r.TrainableParams);
                    yield return new[]
                    {
                        Indent(depth) + type + " (" + segments[depth - 1] + ")",
                        "--",
                        inside[inside.Count - 1].OutputShape?.ToTorchString() ?? "?",
                        parameters == 0 ? "--" : KerasSummaryRenderer.Count(parameters),
                        Percent(parameters, total),
                        Count(inside.Sum(r => r.MultAdds)),
                    };
                }
                yield return new[]
                {
                    Indent(segments.Length) + row.TorchType + " (" + segments[segments.Length - 1] + ")",
                    row.Kernel is null ? "--" : "[" + row.Kernel.H.ToString(CultureInfo.InvariantCulture) + ", " + row.Kernel.W.ToString(CultureInfo.InvariantCulture) + "]",
                    row.OutputShape?.ToTorchString() ?? "?",
                    row.TrainableParams == 0 ? "--" : KerasSummaryRenderer.Count(row.TrainableParams),
                    Percent(row.TrainableParams, total),
                    Count(row.MultAdds),
                };
            }
        }

        private static string Indent(int depth)
            => string.Concat(Enumerable.Repeat("\u2502    ", depth - 1)) + "\u251c\u2500";

        private static string Percent(long part, long total)
            => part == 0 || total == 0 ? "--" : (100.0 * part / total).ToString("0.00", CultureInfo.InvariantCulture) + "%";

        private static string Count(long value) => value == 0 ? "--" : KerasSummaryRenderer.Count(value);

        private static string Mega(long value) => (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
