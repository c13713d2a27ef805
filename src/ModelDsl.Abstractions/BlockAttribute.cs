using System;

namespace ModelDsl
{
    /// <summary>
    /// Marks a class as a reusable block: its layer attributes (with <see cref="BranchAttribute"/> and
    /// <see cref="AddAttribute"/>/<see cref="ConcatenateAttribute"/> for residual shapes) are inserted wherever
    /// a model or another block writes <see cref="UseAttribute"/>. Inside a block, numeric layer arguments
    /// may be strings: expressions over the block's parameters (e.g. <c>"f1"</c>, <c>"in * t"</c>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class BlockAttribute : Attribute
    {
        /// <summary>Declares a block without parameters.</summary>
        public BlockAttribute() => Parameters = "";

        /// <summary>Declares a block with parameters.</summary>
        /// <param name="parameters">Its parameter list as in <c>.mdsl</c>, e.g. <c>"f1, f2, f3, stride = 1, project = false"</c>.</param>
        public BlockAttribute(string parameters) => Parameters = parameters;

        /// <summary>The parameter list, comma separated, defaults after <c>=</c>.</summary>
        public string Parameters { get; }
    }
}
