using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>
/// The module of Fixtures/make_weights_fixtures.py in TorchSharp, with the same state-dict keys: features.0 (conv),
/// features.1 (batch norm), then classifier (linear).
/// </summary>
internal sealed class SmallNet : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear classifier;

    public SmallNet(long classes = 2) : base(nameof(SmallNet))
    {
        features = nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.ReLU(), nn.AdaptiveAvgPool2d(1));
        classifier = nn.Linear(3, classes);
        RegisterComponents();
    }

    /// <summary>The inline Python definition, for scripts that load what the C# side wrote.</summary>
    public const string PythonDefinition = """
        import torch
        from torch import nn
        class SmallNet(nn.Module):
            def __init__(self):
                super().__init__()
                self.features = nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
                self.classifier = nn.Linear(3, 2)
            def forward(self, x):
                return self.classifier(torch.flatten(self.features(x), 1))

        """;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return classifier.forward(features.forward(input).flatten(1)).MoveToOuterDisposeScope();
    }
}
