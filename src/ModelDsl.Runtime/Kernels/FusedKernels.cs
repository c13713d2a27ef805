namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The switch for ModelDsl's fused CPU kernels (<see cref="Pooling.ReluMaxPool2d"/>, <see cref="Convolution.InputConv2d"/>).
/// When off, every entry point
/// computes its result with TorchSharp's own operators instead, which is slower but otherwise identical.
/// </summary>
/// <remarks>
/// The default comes from the environment variable <c>MDSL_KERNELS</c> (<see cref="EnvironmentVariable"/>), read
/// once when the type is first used: <c>off</c>, <c>0</c> or <c>false</c> (any case) turn the fused kernels off,
/// anything else or no value leaves them on. <see cref="Enabled"/> can also be set from code, for instance to
/// compare both paths in one process.
/// </remarks>
public static class FusedKernels
{
    /// <summary>The environment variable that turns the fused kernels off: <c>MDSL_KERNELS=off</c>.</summary>
    public const string EnvironmentVariable = "MDSL_KERNELS";

    /// <summary>
    /// Whether the fused kernels are used where they apply. Defaults to the value of <c>MDSL_KERNELS</c>
    /// (on unless it is <c>off</c>, <c>0</c> or <c>false</c>).
    /// </summary>
    public static bool Enabled { get; set; } = !IsOffSetting(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Whether a value of <c>MDSL_KERNELS</c> asks for the fused kernels to be off.</summary>
    /// <param name="value">The variable's value, or <see langword="null"/> when it is not set.</param>
    /// <returns><see langword="true"/> for <c>off</c>, <c>0</c> and <c>false</c>, ignoring case and surrounding spaces.</returns>
    public static bool IsOffSetting(string? value)
    {
        var setting = value?.Trim();
        return string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase)
            || string.Equals(setting, "false", StringComparison.OrdinalIgnoreCase)
            || setting == "0";
    }
}
