namespace ModelDsl.Generators
{
    /// <summary>
    /// Names of the generator's pipeline steps (<c>WithTrackingName</c>), asserted by the incremental tests.
    /// </summary>
    public static class TrackingNames
    {
        /// <summary>Classes with <c>[Model]</c>, read into front-end records with their raw diagnostics.</summary>
        public const string ClassTargets = nameof(ClassTargets);

        /// <summary>The equatable part of <see cref="ClassTargets"/>: what code generation depends on.</summary>
        public const string ClassModels = nameof(ClassModels);

        /// <summary>The <c>*.mdsl</c> AdditionalFiles, as path and text.</summary>
        public const string SpecFiles = nameof(SpecFiles);

        /// <summary>The project's root namespace and other build properties.</summary>
        public const string BuildOptions = nameof(BuildOptions);

        /// <summary>Attribute models lowered to the IR and shape-checked, ready to emit.</summary>
        public const string AttributeOutputs = nameof(AttributeOutputs);

        /// <summary>Spec-file models lowered to the IR and shape-checked, ready to emit.</summary>
        public const string SpecOutputs = nameof(SpecOutputs);
    }
}
