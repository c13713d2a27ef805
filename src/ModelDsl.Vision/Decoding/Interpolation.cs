namespace ModelDsl.Vision;

/// <summary>How images are resampled to the target size (the filters of Pillow, which Keras and torchvision use).</summary>
public enum Interpolation
{
    /// <summary>Pillow's BILINEAR: a triangle filter widened when shrinking, so downscaling is antialiased (torchvision's default).</summary>
    Bilinear = 1,

    /// <summary>Pillow's NEAREST: the source pixel under each output pixel's centre (Keras's <c>flow_from_directory</c> default).</summary>
    Nearest = 0,
}
