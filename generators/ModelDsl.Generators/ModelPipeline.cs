using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators.FrontEnd;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Collections;

namespace ModelDsl.Generators
{
    /// <summary>The generator's transforms after the front ends: lowering, inference, emit models, diagnostics.</summary>
    internal static class ModelPipeline
    {
        public static EmitModel? EmitClass(ClassModel model, EquatableArray<SpecFile> specs, CancellationToken cancellationToken) => null;

        public static IEnumerable<EmitModel> EmitSpecFile(SpecFile file, BuildOptions options, CancellationToken cancellationToken) => new EmitModel[0];

        public static ImmutableArray<Diagnostic> DiagnoseClass(ClassTarget target, EquatableArray<SpecFile> specs, CancellationToken cancellationToken) => target.Diagnostics;

        public static ImmutableArray<Diagnostic> DiagnoseSpecFile(SpecFile file, CancellationToken cancellationToken) => ImmutableArray<Diagnostic>.Empty;
    }
}
