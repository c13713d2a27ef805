using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// Tests that seed or draw from TorchSharp's global generator run one at a time and alone (other test classes build
/// models, whose initialisers draw from the same generator), so seeded sequences stay reproducible.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRngCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Global RNG";
}

/// <summary>
/// Generated stochastic depth (Specs/NewLayers.mdsl): the identity in eval mode; in training torchvision's
/// <c>ops.stochastic_depth</c> draw for draw (same seed, same mask) and its statistics.
/// </summary>
[Collection(GlobalRngCollection.Name)]
public class StochasticDepthTests
{
    [Fact]
    public void EvalModeIsTheIdentity()
    {
        using var model = new DropRows();
        using var scope = NewDisposeScope();
        model.eval();
        var x = randn(64, 2, 3, 3);
        // Tensor.Equals is torch.equal (same shape and values); TorchSharp's equal() is the element-wise eq.
        Assert.True(model.forward(x).Equals(x));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TrainingEqualsTorchvisionsStochasticDepthForTheSameSeed(bool rowMode)
    {
        using nn.Module<Tensor, Tensor> model = rowMode ? new DropRows() : new DropBatch();
        using var scope = NewDisposeScope();
        model.train();
        var x = randn(32, 2, 3, 3);
        var (p, mode) = rowMode ? (0.25, torchvision.StochasticDepth.Mode.Row) : (0.5, torchvision.StochasticDepth.Mode.Batch);
        for (var seed = 1; seed <= 5; seed++)
        {
            random.manual_seed(seed);
            var expected = torchvision.ops.stochastic_depth(x, p, mode, training: true);
            random.manual_seed(seed);
            var actual = model.forward(x);
            Assert.True(expected.Equals(actual), $"seed {seed}");
        }
    }

    [Fact]
    public void RowModeKeepsEachSampleWithProbability1MinusPAndScalesIt()
    {
        using var model = new DropRows();
        using var scope = NewDisposeScope();
        model.train();
        random.manual_seed(11);
        const int N = 4000;
        var y = model.forward(ones(N, 2, 3, 3)).reshape(N, -1);
        // A sample is dropped or kept whole: all zeros or all 1 / (1 - 0.25).
        var first = y[.., 0];
        Assert.True((y == first.unsqueeze(1)).all().item<bool>());
        var kept = (first > 0).to(float32);
        Assert.True(((first == 0) | ((first - 4.0 / 3).abs() < 1e-6)).all().item<bool>());
        // Kept fraction 0.75 within 5 standard deviations (sqrt(0.75 * 0.25 / 4000) = 0.0068); the mean is preserved.
        var fraction = kept.mean().item<float>();
        Assert.InRange(fraction, 0.75 - 0.035, 0.75 + 0.035);
        Assert.InRange(y.mean().item<float>(), 1 - 0.047, 1 + 0.047);
    }

    [Fact]
    public void BatchModeDropsTheWholeBatchAtOnce()
    {
        using var model = new DropBatch();
        model.train();
        random.manual_seed(12);
        var keptBatches = 0;
        const int Draws = 400;
        for (var i = 0; i < Draws; i++)
        {
            using var scope = NewDisposeScope();
            var y = model.forward(ones(8, 2, 3, 3));
            var value = y[0, 0, 0, 0].item<float>();
            Assert.True((y == value).all().item<bool>(), "one draw for the whole batch");
            Assert.True(value == 0 || value == 2, $"value {value}");
            if (value > 0) keptBatches++;
        }
        // Kept fraction 0.5 within 5 standard deviations (sqrt(0.25 / 400) = 0.025).
        Assert.InRange(keptBatches / (double)Draws, 0.5 - 0.125, 0.5 + 0.125);
    }
}
