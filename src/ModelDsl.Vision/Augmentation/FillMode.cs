namespace ModelDsl.Vision;

/// <summary>What fills the pixels a transform brings in from outside the image (Keras's <c>fill_mode</c>).</summary>
public enum FillMode
{
    /// <summary>Repeat the nearest edge pixel: aaaa|abcd|dddd.</summary>
    Nearest = 0,

    /// <summary>A constant value (<see cref="ImageAugmenter.FillValue"/>): kkkk|abcd|kkkk.</summary>
    Constant = 1,

    /// <summary>Mirror at the edge: dcba|abcd|dcba.</summary>
    Reflect = 2,
}
