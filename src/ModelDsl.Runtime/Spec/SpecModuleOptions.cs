using ModelDsl.Runtime.Init;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Runtime.Spec;

/// <summary>How a <see cref="SpecModule"/> builds its layers.</summary>
public sealed record SpecModuleOptions
{
    /// <summary>Weight initialisation of conv and dense layers; null uses <see cref="LayerInit.DefaultPolicy"/>.</summary>
    public InitPolicy? Init { get; init; }

    /// <summary>
    /// Factories for layer kinds tried before the built-in ones and before those registered with
    /// <see cref="SpecLayerFactories.Register"/>; e.g. ModelDsl.Vision's augmentation layers.
    /// </summary>
    public IReadOnlyDictionary<LayerKind, SpecLayerFactory>? Factories { get; init; }
}
