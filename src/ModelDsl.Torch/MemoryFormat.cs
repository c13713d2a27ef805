namespace ModelDsl.Torch;

/// <summary>How a 4-D [N, C, H, W] tensor's elements are ordered in memory (torch.memory_format).</summary>
public enum MemoryFormat
{
    /// <summary>Row-major: NCHW for a 4-D tensor.</summary>
    Contiguous = 0,

    /// <summary>NHWC: the channels of a pixel are adjacent (torch.channels_last).</summary>
    ChannelsLast = 1,
}
