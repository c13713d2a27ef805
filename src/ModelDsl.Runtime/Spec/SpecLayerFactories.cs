using System.Collections.Concurrent;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// Process-wide factories for layer kinds the runtime cannot build itself. ModelDsl.Runtime does not
/// reference ModelDsl.Vision, so Vision (or Transfer on its behalf) registers the runtime classes of
/// <c>RandomFlip</c>, <c>RandomRotation</c>, <c>RandomZoom</c>, <c>RandomTranslation</c> here.
/// </summary>
public static class SpecLayerFactories
{
    private static readonly ConcurrentDictionary<LayerKind, SpecLayerFactory> Registered = new();

    /// <summary>Registers (or replaces) the factory used for <paramref name="kind"/>.</summary>
    /// <param name="kind">The layer kind.</param>
    /// <param name="factory">Builds the kind's module, or returns null to leave it to the built-in layers.</param>
    public static void Register(LayerKind kind, SpecLayerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Registered[kind] = factory;
    }

    /// <summary>The factory registered for <paramref name="kind"/>, if any.</summary>
    /// <param name="kind">The layer kind.</param>
    /// <param name="factory">The registered factory.</param>
    public static bool TryGet(LayerKind kind, out SpecLayerFactory factory) => Registered.TryGetValue(kind, out factory!);
}
