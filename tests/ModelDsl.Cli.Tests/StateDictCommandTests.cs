using static ModelDsl.Cli.Tests.CliRunner;

namespace ModelDsl.Cli.Tests;

/// <summary><c>state-dict</c>: the keys, shapes and count a spec implies, without building the model.</summary>
public sealed class StateDictCommandTests
{
    [Fact]
    public void SeedConvNetListsKeysShapesAndCount()
    {
        var (exit, output, err) = Run("state-dict", "zoo:MnistConvNet");
        Assert.Equal(CliApp.Success, exit);
        Assert.Equal(string.Empty, err);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(11, lines.Length);
        Assert.Matches(@"^0\.weight\s+\[32, 1, 3, 3\]\s+parameter$", lines[0]);
        Assert.Matches(@"^7\.bias\s+\[10\]\s+parameter$", lines[9]);
        Assert.Equal("10 entries: 10 parameter tensors (93,322 elements), 0 buffers (0 elements)", lines[10]);
    }

    [Fact]
    public void CountOnlyPrintsTheNumber()
    {
        var (exit, output, _) = Run("state-dict", "zoo:ResNet50", "--count");
        Assert.Equal(CliApp.Success, exit);
        // torchvision's resnet50().state_dict(): 161 parameters and 159 buffers (53 BatchNorms x 3).
        Assert.Equal("320\n", output);
    }

    [Fact]
    public void ZooFamilyMemberIsChosenByName()
    {
        var (exit, output, _) = Run("state-dict", "zoo:VGG13", "--count");
        Assert.Equal(CliApp.Success, exit);
        // VGG13: 10 convolutions + 3 linear layers, weight and bias each.
        Assert.Equal("26\n", output);
    }

    [Fact]
    public void UnknownZooEntryIsAUsageError()
    {
        var (exit, _, err) = Run("state-dict", "zoo:NoSuchNet");
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains("no zoo model 'NoSuchNet'", err);
    }
}
