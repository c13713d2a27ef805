using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Summary;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// The compile-time summary (ModelDsl.Spec's <see cref="ModelSummary"/>, the same object the CLI prints) as
    /// C# that rebuilds it at run time without parsing anything, and as the rendered Keras-style table.
    /// </summary>
    internal static class SummaryCode
    {
        private const string Ns = "global::ModelDsl.Spec.";

        /// <summary>Expression lines constructing the summary object.</summary>
        public static EquatableArray<string> Build(InferenceResult inference)
        {
            var summary = ModelSummary.From(inference);
            var lines = new List<string>
            {
                $"new {Ns}Summary.ModelSummary({Emit.CSharp.Literal(summary.ModelName)}, {Shape(summary.InputShape)}, {Ns}Collections.EquatableArray.Of(",
            };
            for (var i = 0; i < summary.Rows.Count; i++)
            {
                var r = summary.Rows[i];
                var connected = r.ConnectedTo.Count == 0
                    ? $"{Ns}Collections.EquatableArray<string>.Empty"
                    : $"{Ns}Collections.EquatableArray.Of({string.Join(", ", r.ConnectedTo.Select(Emit.CSharp.Literal))})";
                var kernel = r.Kernel is null ? "null" : $"new {Ns}Shapes.IntPair({Int(r.Kernel.H)}, {Int(r.Kernel.W)})";
                var row = $"    new {Ns}Summary.SummaryRow({Int(r.NodeId)}, {Emit.CSharp.Literal(r.DisplayName)}, {Emit.CSharp.Literal(r.KerasType)}, {Emit.CSharp.Literal(r.TorchType)}, " +
                          $"{Emit.CSharp.Literal(r.ModulePath)}, {Shape(r.OutputShape)}, {Long(r.Params)}, {Long(r.TrainableParams)}, {Long(r.NonTrainableParams)}, " +
                          $"{Long(r.Buffers)}, {Long(r.MultAdds)}, {kernel}, {connected}, {Int(r.Depth)})";
                lines.Add(row + (i == summary.Rows.Count - 1 ? ")," : ","));
            }
            lines.Add("    " + Emit.CSharp.Literal(summary.IsSequential) + ")");
            return lines.ToEquatableArray();
        }

        /// <summary>The rendered table, Keras layout with torch's buffer counts beside.</summary>
        public static string Render(InferenceResult inference) => KerasSummaryRenderer.Render(ModelSummary.From(inference));

        private static string Shape(TensorShape? shape)
            => shape is null ? "null" : $"{Ns}Shapes.TensorShape.Of({string.Join(", ", shape.Dims.Select(Int))})";

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";
    }
}
