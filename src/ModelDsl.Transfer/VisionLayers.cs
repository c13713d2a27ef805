using System.Runtime.CompilerServices;
using ModelDsl.Spec.Layers;
using ModelDsl.Runtime.Spec;
using ModelDsl.Vision.Layers;

namespace ModelDsl.Transfer;

/// <summary>
/// Registers ModelDsl.Vision's augmentation layers as the runtime modules of the spec's
/// <c>randomflip</c>, <c>randomrotation</c>, <c>randomzoom</c>, <c>randomtranslation</c> and
/// <c>rescaling</c> (ModelDsl.Runtime cannot reference Vision). Runs when ModelDsl.Transfer loads.
/// </summary>
public static class VisionLayers
{
    /// <summary>Registers the factories (idempotent).</summary>
    public static void Register()
    {
        SpecLayerFactories.Register(LayerKind.RandomFlip, c => c.Node.Layer is RandomFlipLayer f ? new RandomFlip(f.Mode) : null);
        SpecLayerFactories.Register(LayerKind.RandomRotation, c => c.Node.Layer is RandomRotationLayer r ? new RandomRotation(r.Factor) : null);
        SpecLayerFactories.Register(LayerKind.RandomZoom, c => c.Node.Layer is RandomZoomLayer z ? new RandomZoom(z.Factor) : null);
        SpecLayerFactories.Register(LayerKind.RandomTranslation, c => c.Node.Layer is RandomTranslationLayer t ? new RandomTranslation(t.HeightFactor, t.WidthFactor) : null);
        SpecLayerFactories.Register(LayerKind.Rescaling, c => c.Node.Layer is RescalingLayer s ? new Rescaling(s.Scale, s.Offset) : null);
    }

#pragma warning disable CA2255 // A library module initializer is the point here: specs with augmentation layers just work once Transfer is loaded.
    [ModuleInitializer]
    internal static void Initialize() => Register();
#pragma warning restore CA2255
}
