namespace ModelDsl.Vision;

/// <summary>
/// The input normalisation an ImageNet-pretrained model was trained with (Keras's
/// <c>imagenet_utils.preprocess_input</c> modes), so its weights see inputs like those they learned from.
/// </summary>
public enum PreprocessingMode
{
    /// <summary>Pixels stay in 0..255 (times <see cref="ImageFolderOptions.Rescale"/>).</summary>
    None,

    /// <summary>VGG16 / ResNet50 (Keras): RGB to BGR, then subtract the ImageNet mean 103.939, 116.779, 123.68 per BGR channel; no scaling.</summary>
    Caffe,

    /// <summary>torchvision models, DenseNet: scale to 0..1, then normalise by mean 0.485, 0.456, 0.406 and std 0.229, 0.224, 0.225 (RGB).</summary>
    Torch,

    /// <summary>MobileNetV2, Inception (Keras): scale to -1..1 (x / 127.5 - 1).</summary>
    Tf,
}
