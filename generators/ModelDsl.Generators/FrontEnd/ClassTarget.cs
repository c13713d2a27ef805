using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators.Pipeline;

namespace ModelDsl.Generators.FrontEnd
{
    /// <summary>
    /// The first transform's result for a <c>[Model]</c> class: the equatable <see cref="Model"/> (what code
    /// generation depends on) plus what only the diagnostics pipeline needs: raw diagnostics and the syntax
    /// trees spans point into (so later diagnostics are created in-tree and <c>#pragma</c> suppression works).
    /// Never flows into source output, so holding Roslyn objects here does not defeat caching.
    /// </summary>
    internal sealed class ClassTarget
    {
        public ClassTarget(ClassModel? model, ImmutableArray<Diagnostic> diagnostics, ImmutableDictionary<string, SyntaxTree> trees)
        {
            Model = model;
            Diagnostics = diagnostics;
            Trees = trees;
        }

        /// <summary>The front-end model, or null when the class cannot be generated at all.</summary>
        public ClassModel? Model { get; }

        /// <summary>Diagnostics about the C# declaration itself.</summary>
        public ImmutableArray<Diagnostic> Diagnostics { get; }

        /// <summary>Syntax trees by file path, for every file the model's spans point into.</summary>
        public ImmutableDictionary<string, SyntaxTree> Trees { get; }
    }
}
