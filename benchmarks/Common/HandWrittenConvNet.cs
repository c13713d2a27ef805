using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks;

/// <summary>
/// The seed convnet as a TorchSharp user writes it by hand: an idiomatic <c>Sequential</c> ending in logits,
/// TorchSharp's RMSProp with Keras's hyper-parameters and cross-entropy on the logits. The baseline every
/// ModelDsl benchmark is compared with.
/// </summary>
public static class HandWrittenConvNet
{
    /// <summary>Conv 32-64-64, Dense 64, Dense 10 (93,322 parameters), PyTorch's default initialisation.</summary>
    public static nn.Module<Tensor, Tensor> Create() => nn.Sequential(
        ("conv1", nn.Conv2d(1, 32, 3)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(32, 64, 3)), ("relu2", nn.ReLU()), ("pool2", nn.MaxPool2d(2)),
        ("conv3", nn.Conv2d(64, 64, 3)), ("relu3", nn.ReLU()),
        ("flatten", nn.Flatten()), ("fc1", nn.Linear(576, 64)), ("relu4", nn.ReLU()), ("fc2", nn.Linear(64, 10)));

    /// <summary>Keras's RMSprop defaults (lr 1e-3, rho 0.9, eps 1e-7) in TorchSharp's RMSProp.</summary>
    public static optim.Optimizer Optimizer(nn.Module model) => optim.RMSProp(model.parameters(), lr: 1e-3, alpha: 0.9, eps: 1e-7);

    /// <summary>One step: zero grads, forward, cross-entropy, backward, update; returns the loss.</summary>
    public static float Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.forward(x), y);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
