using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Language;

namespace ModelDsl.Generators.Analysis
{
    /// <summary>
    /// The <c>*.mdsl</c> AdditionalFiles of one compilation, read and parsed at most once however many
    /// <c>[ModelSpec]</c> classes look models up in them. Lives for one compilation (the analyzer's compilation-start
    /// state), so an edited file is read afresh in the next one. Thread-safe: the analyzer runs concurrently.
    /// </summary>
    internal sealed class SpecFileCache
    {
        private readonly ImmutableArray<AdditionalText> _files;
        private readonly ConcurrentDictionary<string, SpecText> _texts = new ConcurrentDictionary<string, SpecText>(System.StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SpecDocument> _documents = new ConcurrentDictionary<string, SpecDocument>(System.StringComparer.Ordinal);
        private readonly object _gate = new object();
        private EquatableArray<SpecText>? _all;

        public SpecFileCache(ImmutableArray<AdditionalText> files)
        {
            _files = files.Where(IsSpec).ToImmutableArray();
        }

        /// <summary>True for a ModelDsl spec file (the generator's rule: the <c>.mdsl</c> extension).</summary>
        public static bool IsSpec(AdditionalText file) => file.Path.EndsWith(".mdsl", System.StringComparison.OrdinalIgnoreCase);

        /// <summary>Every spec file's path and text, sorted by path as the generator sorts them.</summary>
        public EquatableArray<SpecText> Texts(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _all ??= _files.Select(f => Text(f, cancellationToken)).OrderBy(f => f.Path, System.StringComparer.Ordinal).ToEquatableArray();
                return _all.Value;
            }
        }

        /// <summary>One file's path and text.</summary>
        public SpecText Text(AdditionalText file, CancellationToken cancellationToken)
            => _texts.GetOrAdd(file.Path, _ => new SpecText(file.Path, file.GetText(cancellationToken)?.ToString() ?? string.Empty));

        /// <summary>The parsed document of a spec file.</summary>
        public SpecDocument Parse(SpecText file) => _documents.GetOrAdd(file.Path, _ => SpecDocument.Parse(file.Text, file.Path));
    }
}
