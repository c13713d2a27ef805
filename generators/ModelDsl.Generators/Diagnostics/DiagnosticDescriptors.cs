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

        // Declared before SpecById, whose initialiser reads them.
        /// <summary>MDSL025 (Spec: index out of range), its id written out so the release-tracking analyzer sees it.</summary>
        private static readonly DiagnosticDescriptor IndexOutOfRange = new DiagnosticDescriptor("MDSL025", "Index out of range",
            DiagnosticCatalog.IndexOutOfRange.MessageFormat, SpecDiagnosticDescriptor.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: DiagnosticCatalog.IndexOutOfRange.Help, helpLinkUri: HelpBase + "mdsl025");

        /// <summary>MDSL026 (Spec: Multiply inputs that do not broadcast).</summary>
        private static readonly DiagnosticDescriptor MultiplyShapeMismatch = new DiagnosticDescriptor("MDSL026", "Multiply shape mismatch",
            DiagnosticCatalog.MultiplyShapeMismatch.MessageFormat, SpecDiagnosticDescriptor.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: DiagnosticCatalog.MultiplyShapeMismatch.Help, helpLinkUri: HelpBase + "mdsl026");

        /// <summary>MDSL027 (Spec: a defaults statement that cannot apply).</summary>
        private static readonly DiagnosticDescriptor BadDefaults = new DiagnosticDescriptor("MDSL027", "Bad defaults",
            DiagnosticCatalog.BadDefaults.MessageFormat, SpecDiagnosticDescriptor.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: DiagnosticCatalog.BadDefaults.Help, helpLinkUri: HelpBase + "mdsl027");

        /// <summary>MDSL028 (Spec: a dimension, count or size too large for its type).</summary>
        private static readonly DiagnosticDescriptor SizeOverflow = new DiagnosticDescriptor("MDSL028", "Size overflow",
            DiagnosticCatalog.SizeOverflow.MessageFormat, SpecDiagnosticDescriptor.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: DiagnosticCatalog.SizeOverflow.Help, helpLinkUri: HelpBase + "mdsl028");

        private static readonly Dictionary<string, DiagnosticDescriptor> SpecById = BuildSpecDescriptors();

        // Descriptors with a note appended to the message, made on first use (keyed by id and argument count).
        private static readonly Dictionary<string, DiagnosticDescriptor> Suffixed = new Dictionary<string, DiagnosticDescriptor>();

        /// <summary>All descriptors, Spec ones first, in id order.</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = BuildAll();

        /// <summary>The Roslyn descriptor for a Spec catalogue entry.</summary>
        public static DiagnosticDescriptor For(SpecDiagnosticDescriptor spec)
            => SpecById.TryGetValue(spec.Id, out var descriptor) ? descriptor : ToRoslyn(spec);

        /// <summary>
        /// The descriptor of <paramref name="spec"/> with one more message argument, <c>{argumentCount}</c>, appended
        /// after "; " (a note such as "did you mean 'maxpool2d'?"). Same id, title, severity and help link.
        /// </summary>
        public static DiagnosticDescriptor WithSuffix(SpecDiagnosticDescriptor spec, int argumentCount)
        {
            var key = spec.Id + "#" + argumentCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            lock (Suffixed)
            {
                if (!Suffixed.TryGetValue(key, out var descriptor))
                {
                    var suffix = "; {" + argumentCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
                    descriptor = ToRoslyn(spec, spec.MessageFormat + suffix);
                    Suffixed[key] = descriptor;
                }
                return descriptor;
            }
        }

        private static Dictionary<string, DiagnosticDescriptor> BuildSpecDescriptors()
        {
            var result = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var spec in DiagnosticCatalog.All) result[spec.Id] = ToRoslyn(spec);
            foreach (var tracked in Tracked()) result[tracked.Id] = tracked;
            return result;
        }

        // The Spec ids added since release tracking began, with literal ids (AnalyzerReleases.Unshipped.md lists them).
        private static DiagnosticDescriptor[] Tracked() => new[] { IndexOutOfRange, MultiplyShapeMismatch, BadDefaults, SizeOverflow };

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
        private static DiagnosticDescriptor ToRoslyn(SpecDiagnosticDescriptor spec) => ToRoslyn(spec, spec.MessageFormat);

        private static DiagnosticDescriptor ToRoslyn(SpecDiagnosticDescriptor spec, string messageFormat)
            => new DiagnosticDescriptor(
                spec.Id,
                spec.Title,
                messageFormat,
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
