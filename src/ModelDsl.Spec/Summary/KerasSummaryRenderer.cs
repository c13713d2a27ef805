using System.Globalization;
using System.Linq;

namespace ModelDsl.Spec.Summary
{
    /// <summary>
    /// Renders <c>model.summary()</c> as Keras prints it: Layer (type), Output Shape (channels last,
    /// None for the batch), Param #, and Connected to for non-sequential graphs; totals with
    /// trainable / non-trainable parameters and their size.
    /// </summary>
    public static class KerasSummaryRenderer
    {
        /// <summary>Renders the table (lines end with '\n').</summary>
        public static string Render(ModelSummary summary)
        {
            var graph = !summary.IsSequential;
            // Keras shows the InputLayer row only for functional (graph) models.
            var rows = summary.Rows.Skip(graph ? 0 : 1).ToList();
            var cells = rows.Select(r => Cells(r, graph)).ToList();
            var header = graph
                ? new[] { "Layer (type)", "Output Shape", "Param #", "Connected to" }
                : new[] { "Layer (type)", "Output Shape", "Param #" };
            var widths = graph ? new[] { 32, 22, 12, 32 } : new[] { 29, 26, 10 };
            var table = new TableWriter(widths, cells.Concat(new[] { header }));
            table.Line("Model: \"" + summary.ModelName + "\"");
            table.Rule('_');
            table.Row(header);
            table.Rule('=');
            for (var i = 0; i < cells.Count; i++)
            {
                var c = cells[i];
                var connected = rows[i].ConnectedTo;
                if (graph && connected.Count > 1)
                {
                    table.Row(c[0], c[1], c[2], connected[0]);
                    foreach (var more in connected.Skip(1)) table.Row(string.Empty, string.Empty, string.Empty, more);
                }
                else
                {
                    table.Row(c);
                }
                if (i < cells.Count - 1) table.Rule('_');
            }
            table.Rule('=');
            table.Line("Total params: " + Count(summary.KerasTotalParams) + " (" + Size(summary.KerasTotalParams) + ")");
            table.Line("Trainable params: " + Count(summary.TrainableParams) + " (" + Size(summary.TrainableParams) + ")");
            table.Line("Non-trainable params: " + Count(summary.KerasNonTrainableParams) + " (" + Size(summary.KerasNonTrainableParams) + ")");
            table.Rule('_');
            return table.ToString();
        }

        private static string[] Cells(SummaryRow r, bool graph)
        {
            var shape = r.OutputShape?.ToKerasString() ?? "?";
            if (r.KerasType == "InputLayer") shape = "[" + shape + "]";
            var name = r.DisplayName + " (" + r.KerasType + ")";
            var param = r.Params.ToString(CultureInfo.InvariantCulture);
            return graph
                ? new[] { name, shape, param, r.ConnectedTo.Count > 0 ? r.ConnectedTo[0] : string.Empty }
                : new[] { name, shape, param };
        }

        /// <summary>Thousands-separated count: 93,322.</summary>
        public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>Keras's size notation for float32 parameters: B, KB, MB, GB, TB or PB (1024-based, as Keras's <c>readable_memory_size</c>).</summary>
        public static string Size(long parameters)
        {
            // In double: the byte count of a legal 64-bit parameter count can exceed 64 bits.
            var size = (double)parameters * ModelSummary.BytesPerElement;
            var units = new[] { "B", "KB", "MB", "GB", "TB", "PB" };
            var unit = 0;
            while (unit < units.Length - 1 && size >= 1024)
            {
                size /= 1024;
                unit++;
            }
            return size.ToString("0.00", CultureInfo.InvariantCulture) + " " + units[unit];
        }
    }
}
