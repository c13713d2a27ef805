using ModelDsl.Torch;
using ModelDsl.Torch.Nn;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>
/// The module of Fixtures/make_weights_fixtures.py, with the same state-dict keys: features.0 (conv),
/// features.1 (batch norm), then classifier (linear).
/// </summary>
internal sealed class SmallNet : Module
{
    private readonly Sequential _features;
    private readonly Linear _classifier;

    public SmallNet(long classes = 2)
    {
        _features = RegisterModule("features", new Sequential(new Conv2d(2, 3, 3), new BatchNorm2d(3), new ReLU(), new AdaptiveAvgPool2d(1)));
        _classifier = RegisterModule("classifier", new Linear(3, classes));
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

    public override Tensor Forward(Tensor input)
    {
        using var scope = DisposeScope.Begin();
        var features = _features.Forward(input);
        return _classifier.Forward(Functional.Flatten(features, 1)).MoveToOuterScope();
    }
}
