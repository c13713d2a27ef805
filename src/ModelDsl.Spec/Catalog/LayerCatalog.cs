using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Spec.Catalog
{
    /// <summary>
    /// All layer kinds by .mdsl keyword. Both front ends resolve layers here and bind arguments with
    /// <see cref="LayerDescriptor.Bind"/>, so the language and the attributes accept the same things.
    /// </summary>
    public static class LayerCatalog
    {
        private static readonly LayerDescriptor[] Entries = new[]
        {
            Conv2DLayer.Descriptor, DepthwiseConv2DLayer.Descriptor, MaxPool2DLayer.Descriptor, AvgPool2DLayer.Descriptor,
            GlobalAveragePooling2DLayer.Descriptor, GlobalMaxPooling2DLayer.Descriptor, ZeroPadding2DLayer.Descriptor,
            FlattenLayer.Descriptor, DenseLayer.Descriptor, DropoutLayer.Descriptor, BatchNormalizationLayer.Descriptor,
            ActivationLayer.Descriptor, AddLayer.Descriptor, ConcatenateLayer.Descriptor, ReshapeLayer.Descriptor,
            RescalingLayer.Descriptor, RandomFlipLayer.Descriptor, RandomRotationLayer.Descriptor, RandomZoomLayer.Descriptor,
            RandomTranslationLayer.Descriptor,
        }.Concat(ActivationLayer.Shorthands).Concat(new[]
        {
            AdaptiveAvgPool2DLayer.Descriptor, AdaptiveMaxPool2DLayer.Descriptor, SiluLayer.Descriptor, HardswishLayer.Descriptor,
            HardsigmoidLayer.Descriptor, GeluLayer.Descriptor, MultiplyLayer.Descriptor, ChannelShuffleLayer.Descriptor,
            StochasticDepthLayer.Descriptor, ChunkLayer.Descriptor,
        }).ToArray();

        private static readonly Dictionary<string, LayerDescriptor> ByKeyword = BuildIndex();

        private static Dictionary<string, LayerDescriptor> BuildIndex()
        {
            var map = Entries.ToDictionary(e => e.Keyword, StringComparer.Ordinal);
            // Short aliases people type from Keras/PyTorch habits.
            map["maxpool"] = MaxPool2DLayer.Descriptor;
            map["avgpool"] = AvgPool2DLayer.Descriptor;
            map["dwconv2d"] = DepthwiseConv2DLayer.Descriptor;
            map["globalavgpool"] = GlobalAveragePooling2DLayer.Descriptor;
            map["globalmaxpool"] = GlobalMaxPooling2DLayer.Descriptor;
            map["zeropad"] = ZeroPadding2DLayer.Descriptor;
            map["concatenate"] = ConcatenateLayer.Descriptor;
            map["batchnorm2d"] = BatchNormalizationLayer.Descriptor;
            map["swish"] = SiluLayer.Descriptor;
            map["multiply"] = MultiplyLayer.Descriptor;
            map["adaptiveavgpool"] = AdaptiveAvgPool2DLayer.Descriptor;
            map["adaptivemaxpool"] = AdaptiveMaxPool2DLayer.Descriptor;
            return map;
        }

        /// <summary>Every descriptor (aliases excluded), in catalogue order.</summary>
        public static IReadOnlyList<LayerDescriptor> All => Entries;

        /// <summary>Every accepted keyword, aliases included.</summary>
        public static IEnumerable<string> Keywords => ByKeyword.Keys;

        /// <summary>Looks a layer up by keyword (<c>conv2d</c>, <c>maxpool</c>, <c>relu</c>, ...).</summary>
        public static bool TryGet(string keyword, out LayerDescriptor descriptor)
        {
            if (ByKeyword.TryGetValue(keyword, out var found))
            {
                descriptor = found;
                return true;
            }
            descriptor = null!;
            return false;
        }

        /// <summary>The descriptor that names a built layer (activation layers map to their shorthand, for Keras's ReLU/Softmax names).</summary>
        public static LayerDescriptor DescriptorOf(LayerSpec layer)
        {
            if (layer is ActivationLayer act)
            {
                var keyword = ArgumentConverter.ActivationName(act.Activation);
                var shorthand = ActivationLayer.Shorthands.FirstOrDefault(s => s.Keyword == keyword);
                return shorthand ?? ActivationLayer.Descriptor;
            }
            if (layer is InputLayer) return InputLayer.Descriptor;
            return Entries.First(e => e.Kind == layer.Kind);
        }
    }
}
