using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ModelDsl.Spec.Diagnostics;

namespace ModelDsl.Generators.Diagnostics
{
    /// <summary>
    /// Every descriptor the generator reports: the Spec catalogue's (MDSL0xx, same ids, titles and messages
    /// as the CLI prints) plus the C#-side ones in <see cref="GeneratorDiagnostics"/> (MDSL1xx).
    /// </summary>
    public static class DiagnosticDescriptors
    {
        private const string HelpBase = "https://github.com/modeldsl/modeldsl/blob/main/docs/mdsl-reference.md#";

        private static readonly Dictionary<string, DiagnosticDescriptor> SpecById = BuildSpecDescriptors();

        /// <summary>All descriptors, Spec ones first, in id order.</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = BuildAll();

        /// <summary>The Roslyn descriptor for a Spec catalogue entry.</summary>
        public static DiagnosticDescriptor For(SpecDiagnosticDescriptor spec)
            => SpecById.TryGetValue(spec.Id, out var descriptor) ? descriptor : ToRoslyn(spec);

        private static Dictionary<string, DiagnosticDescriptor> BuildSpecDescriptors()
        {
            var result = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var spec in DiagnosticCatalog.All) result[spec.Id] = ToRoslyn(spec);
            return result;
        }

        private static ImmutableArray<DiagnosticDescriptor> BuildAll()
        {
            var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
            foreach (var spec in DiagnosticCatalog.All) builder.Add(SpecById[spec.Id]);
            builder.Add(GeneratorDiagnostics.ClassNotPartial);
            builder.Add(GeneratorDiagnostics.NotAModelClass);
            builder.Add(GeneratorDiagnostics.AttributeMisuse);
            builder.Add(GeneratorDiagnostics.SpecNotFound);
            builder.Add(GeneratorDiagnostics.ContainingTypeNotPartial);
            builder.Add(GeneratorDiagnostics.BlockCycle);
            builder.Add(GeneratorDiagnostics.InternalError);
            return builder.ToImmutable();
        }

#pragma warning disable RS1017, RS2008 // ids come from the Spec catalogue (constants there); release tracking lists them.
        private static DiagnosticDescriptor ToRoslyn(SpecDiagnosticDescriptor spec)
            => new DiagnosticDescriptor(
                spec.Id,
                spec.Title,
                spec.MessageFormat,
                SpecDiagnosticDescriptor.Category,
                spec.Severity switch
                {
                    SpecSeverity.Error => DiagnosticSeverity.Error,
                    SpecSeverity.Warning => DiagnosticSeverity.Warning,
                    _ => DiagnosticSeverity.Info,
                },
                isEnabledByDefault: true,
                description: spec.Help,
                helpLinkUri: HelpBase + spec.Id.ToLowerInvariant());
#pragma warning restore RS1017, RS2008
    }
}
