namespace ModelDsl.Transfer.Weights;

/// <summary>The weights file formats read and written.</summary>
public enum WeightsFormat
{
    /// <summary>PyTorch's <c>torch.save</c> zip archive (<c>.pth</c>, <c>.pt</c>, <c>.bin</c>, <c>.ckpt</c>).</summary>
    Pth,
    /// <summary>Hugging Face's safetensors: a JSON header followed by raw bytes.</summary>
    Safetensors,
}
