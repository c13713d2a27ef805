using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Lowering
{
    /// <summary>
    /// Translates a layer attribute's arguments into the Spec catalogue's argument values (keyword, positional
    /// and named), keeping each argument's C# span so catalogue diagnostics land on the argument itself.
    /// </summary>
    internal static class AttributeArguments
    {
        /// <summary>The catalogue entry for an attribute kind, or null for structural kinds (Use, Branch, Add...).</summary>
        public static LayerDescriptor? DescriptorFor(string kind) => kind switch
        {
            "Conv2D" => Conv2DLayer.Descriptor,
            "DepthwiseConv2D" => DepthwiseConv2DLayer.Descriptor,
            "MaxPool2D" => MaxPool2DLayer.Descriptor,
            "AvgPool2D" => AvgPool2DLayer.Descriptor,
            "GlobalAveragePooling2D" => GlobalAveragePooling2DLayer.Descriptor,
            "GlobalMaxPooling2D" => GlobalMaxPooling2DLayer.Descriptor,
            "ZeroPadding2D" => ZeroPadding2DLayer.Descriptor,
            "Flatten" => FlattenLayer.Descriptor,
            "Dense" => DenseLayer.Descriptor,
            "Dropout" => DropoutLayer.Descriptor,
            "BatchNormalization" => BatchNormalizationLayer.Descriptor,
            "Activation" => ActivationLayer.Descriptor,
            "Reshape" => ReshapeLayer.Descriptor,
            "Rescaling" => RescalingLayer.Descriptor,
            "RandomFlip" => RandomFlipLayer.Descriptor,
            "RandomRotation" => RandomRotationLayer.Descriptor,
            "RandomZoom" => RandomZoomLayer.Descriptor,
            "RandomTranslation" => RandomTranslationLayer.Descriptor,
            "AdaptiveAvgPool2D" => AdaptiveAvgPool2DLayer.Descriptor,
            "AdaptiveMaxPool2D" => AdaptiveMaxPool2DLayer.Descriptor,
            "Silu" => SiluLayer.Descriptor,
            "Hardswish" => HardswishLayer.Descriptor,
            "Hardsigmoid" => HardsigmoidLayer.Descriptor,
            "Gelu" => GeluLayer.Descriptor,
            "ChannelShuffle" => ChannelShuffleLayer.Descriptor,
            "Chunk" => ChunkLayer.Descriptor,
            "StochasticDepth" => StochasticDepthLayer.Descriptor,
            "Add" => AddLayer.Descriptor,
            "Concatenate" => ConcatenateLayer.Descriptor,
            "Multiply" => MultiplyLayer.Descriptor,
            _ => null,
        };

        /// <summary>
        /// The named catalogue arguments for <paramref name="layer"/>, each with the span of the C# argument it
        /// came from. String values (block expressions) are resolved through <paramref name="resolve"/>.
        /// </summary>
        public static List<NamedArgValue> Translate(LayerAttributeModel layer, System.Func<AttributeArgModel, ArgValue?> resolve)
        {
            var result = new List<NamedArgValue>();
            AttributeArgModel? pad = null;
            foreach (var arg in layer.Arguments)
            {
                // Values left at their C# default add nothing the catalogue's own defaults don't already say.
                if (!arg.IsExplicit) continue;
                switch (arg.Name)
                {
                    case "Name":
                    case "When":
                    case "Repeat":
                        continue;
                    case "Pad":
                        pad = arg;
                        continue;
                }
                var target = TargetName(layer.Kind, arg.Name);
                if (target is null) continue;
                var value = Convert(layer.Kind, arg, resolve);
                if (value is null) continue;
                result.Add(new NamedArgValue(target, value, arg.Span));
            }
            // An explicit pixel count replaces the Valid/Same choice, as PyTorch's padding= does.
            if (pad is not null && long.TryParse(pad.Value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pixels) && pixels >= 0)
            {
                result.RemoveAll(a => a.Name == "padding");
                result.Add(new NamedArgValue("padding", ArgValue.OfInt(pixels, pad.Span), pad.Span));
            }
            // ZeroPadding2D's four sides become one (top, bottom, left, right) value.
            if (layer.Kind == "ZeroPadding2D")
            {
                var sides = new[] { "top", "bottom", "left", "right" }.Select(layer.Find).ToList();
                if (sides.All(s => s is not null && s.IsExplicit))
                {
                    var span = sides[0]!.Span.Union(sides[3]!.Span);
                    var items = sides.Select(s => int.Parse(s!.Value.Text, CultureInfo.InvariantCulture)).ToArray();
                    result.Add(new NamedArgValue("pads", ArgValue.OfTuple(span, items), span));
                }
            }
            return result;
        }

        private static string? TargetName(string kind, string name) => (kind, name) switch
        {
            ("ZeroPadding2D", "padding") => "pads",
            ("ZeroPadding2D", _) => null,
            ("Activation", "activation") => "function",
            ("RandomZoom", "factor") => "height",
            (_, "Stride") => "stride",
            (_, "Padding") => "padding",
            (_, "Dilation") => "dilation",
            (_, "Groups") => "groups",
            (_, "UseBias") => "bias",
            (_, "DepthMultiplier") => "multiplier",
            (_, "Epsilon") => "eps",
            (_, "Momentum") => "momentum",
            (_, "CeilMode") => "ceil_mode",
            (_, "Mode") => "mode",
            _ => name,
        };

        private static ArgValue? Convert(string kind, AttributeArgModel arg, System.Func<AttributeArgModel, ArgValue?> resolve)
        {
            var v = arg.Value;
            switch (v.Kind)
            {
                case AttributeValueKind.Int:
                    return ArgValue.OfInt(long.Parse(v.Text, CultureInfo.InvariantCulture), arg.Span);
                case AttributeValueKind.Real:
                    return ArgValue.OfFloat(double.Parse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture), arg.Span);
                case AttributeValueKind.Bool:
                    return ArgValue.OfBool(v.Text == "true", arg.Span);
                case AttributeValueKind.Enum:
                    return ArgValue.OfName(EnumName(v.Text), arg.Span);
                case AttributeValueKind.String:
                    return resolve(arg);
                case AttributeValueKind.Array:
                    var items = v.Items.Select(i => int.TryParse(i.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
                    return items.Length == 1 ? ArgValue.OfInt(items[0], arg.Span) : ArgValue.OfTuple(arg.Span, items);
                default:
                    return null;
            }
        }

        /// <summary>C# enum member names as the catalogue spells them: <c>None</c> is linear, <c>HorizontalAndVertical</c> is snake case.</summary>
        private static string EnumName(string member) => member switch
        {
            "None" => "linear",
            "HorizontalAndVertical" => "horizontal_and_vertical",
            _ => member.ToLowerInvariant(),
        };
    }
}
