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
    /// MnistConvNet (the seed), VGG16, ResNet50, MobileNetV2, and torchvision's classification families
    /// (VGG, ResNet/ResNeXt/Wide ResNet, DenseNet, SqueezeNet, MobileNetV3, EfficientNet-B0,
    /// ShuffleNetV2, MNASNet, GoogLeNet, AlexNet). Each has include_top and classes.
    /// (Where these sources are compiled into another assembly, e.g. the generator, the resources are
    /// absent and <see cref="TryGetSource"/> returns false.)
    /// </summary>
    public static class ModelZoo
    {
        private const string Prefix = "ModelDsl.Spec.Zoo.";

        // Families share one spec file (the models of a file differ in a few arguments of one macro).
        private static readonly (string File, string[] Models)[] Families =
        {
            ("MnistConvNet", new[] { "MnistConvNet" }),
            ("VGG16", new[] { "VGG16" }),
            ("ResNet50", new[] { "ResNet50" }),
            ("MobileNetV2", new[] { "MobileNetV2" }),
            ("VGG", new[] { "VGG11", "VGG11BN", "VGG13", "VGG13BN", "VGG16BN", "VGG19", "VGG19BN" }),
            ("ResNetFamily", new[] { "ResNet18", "ResNet34", "ResNet101", "ResNet152", "ResNeXt50_32x4d", "ResNeXt101_32x8d", "WideResNet50_2", "WideResNet101_2" }),
            ("DenseNet", new[] { "DenseNet121", "DenseNet161", "DenseNet169", "DenseNet201" }),
            ("SqueezeNet", new[] { "SqueezeNet1_0", "SqueezeNet1_1" }),
            ("MobileNetV3", new[] { "MobileNetV3Large", "MobileNetV3Small" }),
            ("EfficientNet", new[] { "EfficientNetB0" }),
            ("ShuffleNetV2", new[] { "ShuffleNetV2_x0_5", "ShuffleNetV2_x1_0", "ShuffleNetV2_x1_5", "ShuffleNetV2_x2_0" }),
            ("MNASNet", new[] { "MNASNet0_5", "MNASNet0_75", "MNASNet1_0", "MNASNet1_3" }),
            ("GoogLeNet", new[] { "GoogLeNet" }),
            ("AlexNet", new[] { "AlexNet" }),
        };

        /// <summary>Names of the zoo models (the first four are the original entries).</summary>
        public static IReadOnlyList<string> Names { get; } = Families.SelectMany(f => f.Models).ToArray();

        /// <summary>The spec file (without extension) that declares a zoo model, e.g. <c>VGG</c> for <c>VGG11BN</c>.</summary>
        public static bool TryGetFileName(string name, out string file)
        {
            file = Families.Where(f => f.Models.Contains(name, StringComparer.Ordinal)).Select(f => f.File).FirstOrDefault() ?? string.Empty;
            return file.Length > 0;
        }

        /// <summary>The .mdsl text of a zoo model (for a family member, the whole family file).</summary>
        public static bool TryGetSource(string name, out string source)
        {
            source = string.Empty;
            if (!TryGetFileName(name, out var file)) return false;
            using var stream = typeof(ModelZoo).Assembly.GetManifestResourceStream(Prefix + file + ".mdsl");
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
            TryGetFileName(name, out var file);
            return SpecDocument.Parse(source, "zoo/" + file + ".mdsl");
        }

        /// <summary>
        /// Expands and infers a zoo model, e.g. <c>ModelZoo.Get("VGG16")</c> or
        /// <c>ModelZoo.Get("ResNet50", new Dictionary&lt;string, ArgValue&gt; { ["include_top"] = ArgValue.OfBool(false) })</c>.
        /// </summary>
        public static ModelCompilation Get(string name, IReadOnlyDictionary<string, ArgValue>? arguments = null)
            => GetDocument(name).Instantiate(name, arguments);
    }
}
