namespace ModelDsl.Runtime.Init;

/// <summary>Which framework's default initialisation a model's convolution and dense layers get.</summary>
public enum InitPolicy
{
    /// <summary>Keras: glorot-uniform kernels, zero biases (the seeds are Keras models).</summary>
    Keras,
    /// <summary>PyTorch: kaiming-uniform with a = √5 for kernels, biases uniform in ±1/√fan_in (what TorchSharp's layers already hold).</summary>
    PyTorch,
}
