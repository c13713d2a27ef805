using System;

namespace ModelDsl
{
    /// <summary>
    /// Base of every layer attribute. On a <see cref="ModelAttribute"/> or <see cref="BlockAttribute"/> class the
    /// layer attributes, read in source order, are the layers in order.
    /// </summary>
    /// <remarks>
    /// The attributes live in this small assembly rather than being emitted by the generator, so one set of
    /// attribute types exists across every project that declares models, and code fixes and tests can
    /// reference them. They carry no behaviour: the generator reads their syntax at compile time.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public abstract class LayerAttribute : Attribute
    {
        /// <summary>An explicit layer id (Keras display name, e.g. <c>"conv2d_1"</c>), replacing the generated one.</summary>
        public string? Name { get; set; }

        /// <summary>Inside a <see cref="BlockAttribute"/> class, a condition over the block's parameters (e.g. <c>"t != 1"</c>): the layer exists only when it holds.</summary>
        public string? When { get; set; }
    }
}
