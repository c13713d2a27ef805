namespace ModelDsl.Generators.FrontEnd
{
    /// <summary>Metadata names of the ModelDsl.Abstractions attributes the front end recognises.</summary>
    internal static class AttributeNames
    {
        public const string Namespace = "ModelDsl";
        public const string Model = "ModelDsl.ModelAttribute";
        public const string Block = "ModelDsl.BlockAttribute";
        public const string ModelSpec = "ModelDsl.ModelSpecAttribute";
        public const string InlineSpec = "ModelDsl.InlineSpecAttribute";
        public const string Layer = "ModelDsl.LayerAttribute";
        public const string Use = "ModelDsl.UseAttribute";
    }
}
