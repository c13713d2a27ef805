using ModelDsl.Vision.Tests.Support;
using ModelDsl.Vision.Layers;

namespace ModelDsl.Vision.Tests;

public sealed class PreprocessingLayerTests
{
    // [1, 1, 1, 8]: a horizontal ramp 0..7, so bilinear resampling of it is exact arithmetic.
    private static Tensor Ramp() => Tensors.From([0f, 1, 2, 3, 4, 5, 6, 7], 1, 1, 1, 8);

    private static Tensor Square(int copies = 1) =>
        Tensors.From(Enumerable.Repeat(Enumerable.Range(0, 16).Select(v => (float)v), copies).SelectMany(x => x).ToArray(), copies, 1, 4, 4);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 3);
    }

    [Fact]
    public void Random_flip_mirrors_exactly_in_training_and_passes_through_in_evaluation()
    {
        using var x = Square(12);
        var layer = new RandomFlip("horizontal", seed: 4);

        using var y = layer.forward(x);
        float[] original = [.. Enumerable.Range(0, 16).Select(v => (float)v)];
        float[] mirrored = [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12];
        var outputs = y.Floats().Chunk(16).ToArray();
        Assert.All(outputs, o => Assert.True(o.SequenceEqual(original) || o.SequenceEqual(mirrored)));
        Assert.Contains(outputs, o => o.SequenceEqual(mirrored));

        layer.eval();
        using var z = layer.forward(x);
        Assert.Equal(x.Floats(), z.Floats());
    }

    [Fact]
    public void Random_flip_rejects_unknown_modes()
    {
        var e = Assert.Throws<ArgumentException>(() => new RandomFlip("diagonal"));
        Assert.Contains("diagonal", e.Message);
    }

    [Fact]
    public void Random_rotation_of_a_quarter_turn_is_numpy_rot90()
    {
        using var x = Square();
        var layer = new RandomRotation(0.25, 0.25, seed: 1);

        using var y = layer.forward(x);

        AssertClose([3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13, 0, 4, 8, 12], y.Floats());
    }

    [Fact]
    public void Random_zoom_in_by_half_doubles_the_ramp()
    {
        using var x = Ramp();
        // Height range fixed at -0.5 (zoom in 2x); no width factor keeps the aspect ratio.
        var layer = new RandomZoom(new ValueRange(-0.5, -0.5), null, seed: 1);

        using var y = layer.forward(x);

        // Output column c samples input x = 0.5 * (c + 0.5 - 4) + 4 - 0.5.
        AssertClose([1.75f, 2.25f, 2.75f, 3.25f, 3.75f, 4.25f, 4.75f, 5.25f], y.Floats());
    }

    [Fact]
    public void Random_translation_moves_content_and_fills_the_gap()
    {
        using var x = Ramp();
        var layer = new RandomTranslation(new ValueRange(0, 0), new ValueRange(0.25, 0.25), FillMode.Constant, fillValue: 9, seed: 1);

        using var y = layer.forward(x);

        AssertClose([9, 9, 0, 1, 2, 3, 4, 5], y.Floats());
    }

    [Fact]
    public void Random_layers_are_reproducible_per_seed()
    {
        using var x = Tensors.From(Enumerable.Range(0, 4 * 3 * 8 * 8).Select(i => (float)(i % 97)).ToArray(), 4, 3, 8, 8);

        float[] Run(int seed)
        {
            using var layer = new RandomRotation(0.2, seed: seed);
            using var y = layer.forward(x);
            return y.Floats();
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Random_layers_pass_through_in_evaluation()
    {
        using var x = Square(3);
        nn.Module<Tensor, Tensor>[] layers =
        [
            new RandomRotation(0.3, seed: 1), new RandomZoom(0.5, seed: 1), new RandomTranslation(0.3, 0.3, seed: 1),
            new RandomFlip(seed: 1),
        ];
        foreach (var layer in layers)
        {
            layer.eval();
            using var y = layer.forward(x);
            Assert.Equal(x.Floats(), y.Floats());
        }
    }

    [Fact]
    public void Rescaling_applies_in_training_and_evaluation()
    {
        using var x = Tensors.From([0f, 127.5f, 255f], 1, 1, 1, 3);
        var layer = new Rescaling(1 / 127.5, -1);

        using var train = layer.forward(x);
        layer.eval();
        using var eval = layer.forward(x);

        AssertClose([-1, 0, 1], train.Floats());
        AssertClose([-1, 0, 1], eval.Floats());
    }

    [Fact]
    public void Random_layers_name_themselves_when_the_input_is_not_a_batch_of_images()
    {
        using var x = Tensors.From([1f, 2, 3, 4], 2, 2);

        var e = Assert.Throws<ArgumentException>(() => new RandomZoom(0.1).forward(x));

        Assert.Contains("RandomZoom", e.Message);
    }

    [Fact]
    public void Layers_follow_train_and_eval_inside_a_torchsharp_sequential()
    {
        using var x = Square(8);
        using var model = nn.Sequential(("flip", new RandomFlip("horizontal", seed: 2)), ("scale", new Rescaling(2)));

        model.eval();
        using var evaluated = model.forward(x);
        Assert.Equal(x.Floats().Select(v => v * 2), evaluated.Floats());

        model.train();
        using var trained = model.forward(x);
        float[] mirrored = [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12];
        Assert.Contains(trained.Floats().Chunk(16), o => o.SequenceEqual(mirrored.Select(v => v * 2)));
    }

    [Fact]
    public void Gradients_flow_through_the_random_layers_mid_network()
    {
        using var x = torch.ones(2, 1, 4, 4, requires_grad: true);
        using var layer = new RandomRotation(0.1, FillMode.Constant, seed: 3);

        using var y = layer.forward(x);
        using var loss = y.sum();
        loss.backward();

        Assert.NotNull(x.grad);
        Assert.True(x.grad!.abs().sum().item<float>() > 0);
    }
}
