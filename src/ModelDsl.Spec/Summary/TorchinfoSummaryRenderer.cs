using System.Globalization;
using System.Linq;

namespace ModelDsl.Spec.Summary
{
    /// <summary>
    /// Renders a torchinfo-like table: Layer (type (var_name)) indented by depth, Kernel Shape, Output
    /// Shape (NCHW, batch 1), Param #, Param %, Mult-Adds; then totals, buffers, mult-adds and the
    /// input / forward-backward / params / total size estimates in MB (10^6 bytes, as torchinfo).
    /// </summary>
    public static class TorchinfoSummaryRenderer
    {
        /// <summary>Renders the table (lines end with '\n').</summary>
        public static string Render(ModelSummary summary)
        {
            var total = summary.TorchParams;
            var rows = summary.Rows.Skip(1).ToList();
            var header = new[] { "Layer (type (var_name))", "Kernel Shape", "Output Shape", "Param #", "Param %", "Mult-Adds" };
            var cells = rows.Select(r => new[]
            {
                new string(' ', (r.Depth - 1) * 4) + "\u251c\u2500" + r.TorchType + " (" + r.ModulePath + ")",
                r.Kernel is null ? "--" : "[" + r.Kernel.H.ToString(CultureInfo.InvariantCulture) + ", " + r.Kernel.W.ToString(CultureInfo.InvariantCulture) + "]",
                r.OutputShape?.ToTorchString() ?? "?",
                r.TrainableParams == 0 ? "--" : KerasSummaryRenderer.Count(r.TrainableParams),
                r.TrainableParams == 0 || total == 0 ? "--" : (100.0 * r.TrainableParams / total).ToString("0.00", CultureInfo.InvariantCulture) + "%",
                r.MultAdds == 0 ? "--" : KerasSummaryRenderer.Count(r.MultAdds),
            }).ToList();
            var first = new[] { summary.ModelName, "--", summary.Rows.Count > 0 ? summary.Rows[summary.Rows.Count - 1].OutputShape?.ToTorchString() ?? "?" : "?", "--", "--", "--" };
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
            table.Line("Estimated Total Size (MB): " + Mega(summary.InputBytes + summary.ForwardBackwardBytes + summary.ParamBytes));
            table.Rule('=');
            return table.ToString();
        }

        private static string Mega(long value) => (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
