using System;

namespace ModelDsl
{
    /// <summary>
    /// Takes a <see cref="ModelAttribute"/> class's architecture from a model of that name declared in one of
    /// the project's <c>.mdsl</c> AdditionalFiles.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ModelSpecAttribute : Attribute
    {
        /// <summary>Names the spec model, e.g. <c>[ModelSpec("ResNet50")]</c>.</summary>
        /// <param name="name">The name after <c>model</c> in the <c>.mdsl</c> file.</param>
        public ModelSpecAttribute(string name) => Name = name;

        /// <summary>The name after <c>model</c> in the <c>.mdsl</c> file.</summary>
        public string Name { get; }

        /// <summary>
        /// Values for the spec model's parameters, e.g. <c>"classes = 10, include_top = false"</c> or
        /// <c>"input = 3x160x160"</c>; parameters not named keep their defaults.
        /// </summary>
        public string? Arguments { get; set; }
    }
}
