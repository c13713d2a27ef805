using System.Collections.Concurrent;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Torch.Spec;

/// <summary>
/// Process-wide factories for layer kinds ModelDsl.Torch cannot build itself. ModelDsl.Torch does not
/// reference ModelDsl.Vision, so Vision (or Transfer on its behalf) registers the runtime classes of
/// <c>RandomFlip</c>, <c>RandomRotation</c>, <c>RandomZoom</c>, <c>RandomTranslation</c> here.
/// </summary>
public static class SpecLayerFactories
{
    private static readonly ConcurrentDictionary<LayerKind, SpecLayerFactory> Registered = new();

    /// <summary>Registers (or replaces) the factory used for <paramref name="kind"/>.</summary>
    public static void Register(LayerKind kind, SpecLayerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Registered[kind] = factory;
    }

    /// <summary>The factory registered for <paramref name="kind"/>, if any.</summary>
    public static bool TryGet(LayerKind kind, out SpecLayerFactory factory) => Registered.TryGetValue(kind, out factory!);
}
