using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Inference;

namespace ModelDsl.Generators.Emit
{
    /// <summary>The summary as C# construction code (static data) and as rendered text.</summary>
    internal static class SummaryCode
    {
        /// <summary>Expression lines constructing the summary object.</summary>
        public static EquatableArray<string> Build(InferenceResult inference) => EquatableArray.Of("null!");

        /// <summary>The rendered table.</summary>
        public static string Render(InferenceResult inference) => "Model: \"" + inference.Graph.Name + "\"\nTotal params: " + inference.KerasTotalParams.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "\n";
    }
}
