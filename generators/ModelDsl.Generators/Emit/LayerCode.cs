namespace ModelDsl.Generators.Emit
{
    /// <summary>How one IR node appears in generated code: an optional module member and its forward expression.</summary>
    internal sealed class LayerCode
    {
        public LayerCode(string? moduleType, string? construction, string expression)
        {
            ModuleType = moduleType;
            Construction = construction;
            Expression = expression;
        }

        /// <summary>The TorchSharp (or ModelDsl.Vision) module type when the layer is a member (weights, buffers or configuration), else null.</summary>
        public string? ModuleType { get; }

        /// <summary>The constructor expression of the member.</summary>
        public string? Construction { get; }

        /// <summary>
        /// The forward expression; <c>{m}</c> stands for the member, <c>{0}</c>, <c>{1}</c>... for the inputs.
        /// </summary>
        public string Expression { get; }
    }
}
