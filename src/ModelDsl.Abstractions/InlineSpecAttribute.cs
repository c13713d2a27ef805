using System;

namespace ModelDsl
{
    /// <summary>
    /// Gives a <see cref="ModelAttribute"/> class its architecture as <c>.mdsl</c> text in the attribute itself
    /// (blocks and one model; the model named like the class, or the only one).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class InlineSpecAttribute : Attribute
    {
        /// <summary>Declares the spec text.</summary>
        /// <param name="text">The <c>.mdsl</c> source.</param>
        public InlineSpecAttribute(string text) => Text = text;

        /// <summary>The <c>.mdsl</c> source.</summary>
        public string Text { get; }
    }
}
