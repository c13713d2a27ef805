namespace ModelDsl.Torch.Nn;

/// <summary>The activations of nn_dense.cpp's <c>mdsl_nn_activation</c>; the numbers are the ABI.</summary>
internal enum ActivationKind
{
    Relu = 0,
    Relu6 = 1,
    Sigmoid = 2,
    Tanh = 3,
    Softmax = 4,
    LogSoftmax = 5,
    LeakyRelu = 6,
    Silu = 7,
    Gelu = 8,
    Elu = 9,
    Softplus = 10,
}
