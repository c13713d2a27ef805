namespace ModelDsl.Torch.Init;

/// <summary>Which framework's default initialisation layers use when none is given.</summary>
public enum InitPolicy
{
    /// <summary>Keras: glorot-uniform kernels, zero biases (the seeds are Keras models).</summary>
    Keras,
    /// <summary>PyTorch: kaiming-uniform with a = √5 for kernels, biases uniform in ±1/√fan_in.</summary>
    PyTorch,
}
