using System;

namespace ModelDsl
{
    /// <summary>
    /// Marks a <c>partial class</c> as a model: the generator makes it a TorchSharp module with its layers, <c>forward</c>, shape guard and
    /// summary. The layers come from the class's layer attributes in source order, or from a spec named by
    /// <see cref="ModelSpecAttribute"/> or given inline by <see cref="InlineSpecAttribute"/>.
    /// </summary>
    /// <example><code>
    /// [Model(Input = "1x28x28")]
    /// [Conv2D(32, 3, Activation.Relu)] [MaxPool2D(2)]
    /// [Flatten] [Dense(10, Activation.Softmax)]
    /// public partial class Tiny { }
    /// </code></example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ModelAttribute : Attribute
    {
        /// <summary>The input shape without the batch axis, channels first (NCHW), e.g. <c>"3x224x224"</c>.</summary>
        public string? Input { get; set; }
    }
}
