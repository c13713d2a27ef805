namespace ModelDsl.Torch.Init;

/// <summary>Which fan scales a He/Kaiming initialisation.</summary>
public enum FanMode
{
    /// <summary>Inputs per output unit: preserves the forward pass's variance.</summary>
    FanIn,
    /// <summary>Outputs per input unit: preserves the backward pass's variance.</summary>
    FanOut,
}

/// <summary>The non-linearity following a layer, for the gain of He/Kaiming initialisation.</summary>
public enum Nonlinearity
{
    /// <summary>Identity or linear (gain 1).</summary>
    Linear,
    /// <summary>ReLU (gain √2).</summary>
    Relu,
    /// <summary>Leaky ReLU with the given slope (gain √(2 / (1 + a²))).</summary>
    LeakyRelu,
    /// <summary>Tanh (gain 5/3).</summary>
    Tanh,
    /// <summary>Sigmoid (gain 1).</summary>
    Sigmoid,
}
