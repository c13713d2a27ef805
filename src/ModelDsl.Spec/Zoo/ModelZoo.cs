using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Spec.Zoo
{
    /// <summary>
    /// The reference architectures shipped as .mdsl specs embedded in this assembly:
    /// MnistConvNet (the seed), VGG16, ResNet50, MobileNetV2. Each has include_top and classes.
    /// (Where these sources are compiled into another assembly, e.g. the generator, the resources are
    /// absent and <see cref="TryGetSource"/> returns false.)
    /// </summary>
    public static class ModelZoo
    {
        private const string Prefix = "ModelDsl.Spec.Zoo.";

        /// <summary>Names of the zoo models.</summary>
        public static IReadOnlyList<string> Names { get; } = new[] { "MnistConvNet", "VGG16", "ResNet50", "MobileNetV2" };

        /// <summary>The .mdsl text of a zoo model.</summary>
        public static bool TryGetSource(string name, out string source)
        {
            source = string.Empty;
            if (!Names.Contains(name, StringComparer.Ordinal)) return false;
            using var stream = typeof(ModelZoo).Assembly.GetManifestResourceStream(Prefix + name + ".mdsl");
            if (stream is null) return false;
            using var reader = new StreamReader(stream);
            source = reader.ReadToEnd();
            return true;
        }

        /// <summary>The parsed spec of a zoo model; throws <see cref="ArgumentException"/> for an unknown name.</summary>
        public static SpecDocument GetDocument(string name)
        {
            if (!TryGetSource(name, out var source))
            {
                throw new ArgumentException("No zoo model named '" + name + "' (available: " + string.Join(", ", Names) + ")", nameof(name));
            }
            return SpecDocument.Parse(source, "zoo/" + name + ".mdsl");
        }

        /// <summary>
        /// Expands and infers a zoo model, e.g. <c>ModelZoo.Get("VGG16")</c> or
        /// <c>ModelZoo.Get("ResNet50", new Dictionary&lt;string, ArgValue&gt; { ["include_top"] = ArgValue.OfBool(false) })</c>.
        /// </summary>
        public static ModelCompilation Get(string name, IReadOnlyDictionary<string, ArgValue>? arguments = null)
            => GetDocument(name).Instantiate(name, arguments);
    }
}
