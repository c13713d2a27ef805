using static ModelDsl.Cli.Tests.CliRunner;

namespace ModelDsl.Cli.Tests;

/// <summary>The help documents the exit codes, and an overflowing --size is a usage error on one line.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void Help_documents_the_exit_codes()
    {
        var (exit, output, _) = Run("--help");

        Assert.Equal(CliApp.Success, exit);
        Assert.Contains("Exit codes: 0 success; 1 the spec has errors, the spec and the data disagree, the data is invalid or training failed; " +
            "2 bad usage, or a file or folder that is missing, cannot be read or cannot be written.", output.ReplaceLineEndings(" ").Replace("  ", " "));
    }

    [Theory]
    [InlineData("2147483647x2147483647", "8,589,934,598x12,884,901,896")]
    [InlineData("100000x100000", "400,010x600,014")]
    public void A_size_whose_grid_overflows_is_a_usage_error_on_one_line_before_any_image_is_read(string size, string grid)
    {
        // The folder does not even exist: the size is refused first, without allocating anything.
        var (exit, output, err) = Run("augment-preview", "/nonexistent/images", "--out", "/nonexistent/grid.png", "--size", size);

        Assert.Equal(CliApp.UsageError, exit);
        var line = Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"modeldsl: --size {size}: A grid of 4x6 images", line);
        Assert.Contains($"would be {grid} pixels", line);
        Assert.Empty(output);
    }
}
