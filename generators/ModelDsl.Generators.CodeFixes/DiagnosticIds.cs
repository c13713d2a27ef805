namespace ModelDsl.Generators.CodeFixes
{
    /// <summary>
    /// The generator's diagnostic ids these fixes handle. Kept as constants (the generator assembly carries
    /// the Spec sources compiled in, so referencing it would duplicate their types); a test checks they
    /// equal the generator's descriptors.
    /// </summary>
    public static class DiagnosticIds
    {
        /// <summary>MDSL101: model class must be partial.</summary>
        public const string ClassNotPartial = "MDSL101";

        /// <summary>MDSL009: Dense after a rank-3 tensor without Flatten.</summary>
        public const string DenseNeedsFlatten = "MDSL009";

        /// <summary>MDSL007: kernel larger than the (padded) input.</summary>
        public const string KernelLargerThanInput = "MDSL007";
    }
}
