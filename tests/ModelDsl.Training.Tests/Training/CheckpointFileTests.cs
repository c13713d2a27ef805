using ModelDsl.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Training.Tests.Training;

public sealed class CheckpointFileTests
{
    private static void Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        model.call(ones(4, 2)).sum().backward();
        optimizer.step();
    }

    [Fact]
    public void Model_optimizer_state_epoch_and_values_round_trip_in_one_file()
    {
        using var dir = new TempDir();
        var path = dir.File("a.pt");
        using var model = TestModels.Linear(2, 3, seed: 1);
        using var adam = optim.Adam(model.parameters(), lr: 0.01);
        Step(model, adam);
        Step(model, adam);
        CheckpointFile.Save(path, 4, model, adam, new Dictionary<string, double> { ["best"] = 0.25, ["nan"] = double.NaN });

        using var other = TestModels.Linear(2, 3, seed: 2);
        using var otherAdam = optim.Adam(other.parameters(), lr: 0.5);
        var (epoch, values) = CheckpointFile.Restore(path, other, otherAdam);

        Assert.Equal(4, epoch);
        Assert.Equal(0.25, values["best"]);
        Assert.False(values.ContainsKey("nan")); // non-finite values are not kept
        Assert.Equal(TestModels.Weights(model), TestModels.Weights(other));
        Assert.Equal(0.01, otherAdam.ParamGroups.Single().LearningRate);
        // The moments and step counts came back too: one more identical step keeps the two models identical.
        Step(model, adam);
        Step(other, otherAdam);
        Assert.Equal(TestModels.Weights(model), TestModels.Weights(other));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));

        using var contents = CheckpointFile.Read(path);
        Assert.Equal("Adam", contents.OptimizerType);
        Assert.Equal(["0.bias", "0.weight"], contents.ModelState.Keys.Order());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(-9)]
    public void A_cut_file_is_reported_by_name(int keep)
    {
        using var dir = new TempDir();
        var path = dir.File("cut.pt");
        using var model = TestModels.Linear(10, 10);
        using var sgd = optim.SGD(model.parameters(), 0.1);
        CheckpointFile.Save(path, 0, model, sgd);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, keep > 0 ? bytes[..keep] : bytes[..^-keep]);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_reported()
    {
        using var dir = new TempDir();
        var path = dir.File("notes.pt");
        File.WriteAllText(path, "just some text, long enough to have a header");

        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(path));

        Assert.Contains("is not a ModelDsl checkpoint", e.Message);
    }

    [Fact]
    public void State_of_another_optimizer_is_refused_and_nothing_is_changed()
    {
        using var dir = new TempDir();
        var path = dir.File("adam.pt");
        using var model = TestModels.Linear(2, 3, seed: 1);
        using var adam = optim.Adam(model.parameters());
        CheckpointFile.Save(path, 0, model, adam);
        using var other = TestModels.Linear(2, 3, seed: 2);
        using var sgd = optim.SGD(other.parameters(), 0.1);
        var before = TestModels.Weights(other);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Restore(path, other, sgd));

        Assert.Contains("Adam", e.Message);
        Assert.Contains("SGD", e.Message);
        Assert.Equal(before, TestModels.Weights(other));
    }
}
