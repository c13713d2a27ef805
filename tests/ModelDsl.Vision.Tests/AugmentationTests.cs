using ModelDsl.Vision.Tests.Support;

namespace ModelDsl.Vision.Tests;

public sealed class AugmentationTests
{
    // One channel, 4x4, values 0..15 row-major: in[r][c] = 4r + c.
    private static Tensor Pattern(int copies = 1, int size = 4)
    {
        var one = Enumerable.Range(0, size * size).Select(v => (float)v).ToArray();
        var data = Enumerable.Repeat(one, copies).SelectMany(x => x).ToArray();
        return Tensors.From(data, copies, 1, size, size);
    }

    private static float[] Mirror(float[] image, int size)
    {
        var m = new float[image.Length];
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++) m[r * size + c] = image[r * size + size - 1 - c];
        }
        return m;
    }

    [Fact]
    public void Horizontal_flip_mirrors_exactly_the_images_it_chose()
    {
        const int n = 16;
        using var x = Pattern(n);
        var augmenter = new ImageAugmenter(seed: 3) { HorizontalFlip = true };
        var choices = new ImageAugmenter(seed: 3) { HorizontalFlip = true }.Sample(n, 4, 4);

        using var y = augmenter.Apply(x);

        var original = x.Floats()[..16];
        var mirrored = Mirror(original, 4);
        var output = y.Floats();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(choices[i].FlipHorizontal ? mirrored : original, output[(i * 16)..((i + 1) * 16)]);
        }
        Assert.Contains(choices, c => c.FlipHorizontal);
        Assert.Contains(choices, c => !c.FlipHorizontal);
    }

    [Fact]
    public void Vertical_flip_mirrors_rows_exactly()
    {
        using var x = Pattern();
        var augmenter = new ImageAugmenter();

        using var y = augmenter.Apply(x, [new SampleTransform(FlipVertical: true)]);

        Assert.Equal([12f, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3], y.Floats());
    }

    [Fact]
    public void Rotation_by_90_degrees_turns_the_pattern_counter_clockwise()
    {
        using var x = Pattern();
        var augmenter = new ImageAugmenter();

        using var y = augmenter.Apply(x, [new SampleTransform(RotationDegrees: 90)]);

        // numpy.rot90: the right column becomes the top row.
        float[] expected = [3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13, 0, 4, 8, 12];
        var actual = y.Floats();
        for (var i = 0; i < 16; i++) Assert.Equal(expected[i], actual[i], 3);
    }

    [Fact]
    public void Flip_with_an_affine_mirrors_the_transformed_image_as_keras_orders_them()
    {
        using var x = Pattern();
        var augmenter = new ImageAugmenter();

        using var y = augmenter.Apply(x, [new SampleTransform(RotationDegrees: 90, FlipHorizontal: true)]);

        // rot90 first, then the left-right mirror.
        float[] expected = Mirror([3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13, 0, 4, 8, 12], 4);
        var actual = y.Floats();
        for (var i = 0; i < 16; i++) Assert.Equal(expected[i], actual[i], 3);
    }

    [Fact]
    public void Rotation_stays_rigid_on_non_square_images()
    {
        // 180 degrees on a 2x4 image is an exact point reflection, whatever the aspect ratio.
        using var x = Tensors.From([0f, 1, 2, 3, 4, 5, 6, 7], 1, 1, 2, 4);

        using var y = new ImageAugmenter().Apply(x, [new SampleTransform(RotationDegrees: 180)]);

        var actual = y.Floats();
        float[] expected = [7, 6, 5, 4, 3, 2, 1, 0];
        for (var i = 0; i < 8; i++) Assert.Equal(expected[i], actual[i], 3);
    }

    [Theory]
    [InlineData(FillMode.Constant, 77f, 77f)]
    [InlineData(FillMode.Nearest, 3f, 3f)]
    [InlineData(FillMode.Reflect, 3f, 2f)]
    public void Shift_brings_in_pixels_per_fill_mode(FillMode fill, float expectedCol2, float expectedCol3)
    {
        using var x = Pattern();
        var augmenter = new ImageAugmenter { FillMode = fill, FillValue = 77 };

        // Sampling window moved 2 pixels right: output column c shows input column c + 2.
        using var y = augmenter.Apply(x, [new SampleTransform(ShiftX: 2)]);

        var row0 = y.Floats()[..4];
        Assert.Equal(2f, row0[0], 3);
        Assert.Equal(3f, row0[1], 3);
        Assert.Equal(expectedCol2, row0[2], 3);
        Assert.Equal(expectedCol3, row0[3], 3);
    }

    [Fact]
    public void Brightness_multiplies_each_image_by_its_factor()
    {
        using var x = Pattern(2);

        using var y = new ImageAugmenter().Apply(x, [new SampleTransform(Brightness: 0.5), new SampleTransform(Brightness: 2)]);

        var v = y.Floats();
        Assert.Equal(7.5f, v[15]);
        Assert.Equal(30f, v[31]);
    }

    [Fact]
    public void Same_seed_gives_the_same_batch_and_another_seed_does_not()
    {
        ImageAugmenter Make(int seed) => new(seed)
        {
            RotationRange = 30, WidthShiftRange = 0.2, HeightShiftRange = 0.2, ShearRange = 10,
            ZoomRange = ValueRange.AroundOne(0.2), HorizontalFlip = true, BrightnessRange = new(0.8, 1.2),
        };
        using var x = Tensors.From(Enumerable.Range(0, 8 * 3 * 16 * 16).Select(i => (float)(i % 251)).ToArray(), 8, 3, 16, 16);

        using var a = Make(42).Apply(x);
        using var b = Make(42).Apply(x);
        using var c = Make(43).Apply(x);

        Assert.Equal(a.Floats(), b.Floats());
        Assert.NotEqual(a.Floats(), c.Floats());
        Assert.NotEqual(x.Floats(), a.Floats());
    }

    [Fact]
    public void Reset_replays_the_random_sequence()
    {
        var augmenter = new ImageAugmenter(9) { RotationRange = 45, HorizontalFlip = true };
        var first = augmenter.Sample(5, 8, 8);

        augmenter.Reset();

        Assert.Equal(first, augmenter.Sample(5, 8, 8));
    }

    [Fact]
    public void Evaluation_mode_applies_nothing()
    {
        var augmenter = new ImageAugmenter(1)
        {
            RotationRange = 90, WidthShiftRange = 0.5, HorizontalFlip = true, VerticalFlip = true, BrightnessRange = new(0.1, 0.2),
            Training = false,
        };
        using var x = Pattern(4);

        using var y = augmenter.Apply(x);

        Assert.Equal(x.Floats(), y.Floats());
    }

    [Fact]
    public void Sampled_ranges_are_respected()
    {
        var augmenter = new ImageAugmenter(5)
        {
            RotationRange = 20, WidthShiftRange = 0.25, HeightShiftRange = 3, ZoomRange = new(0.9, 1.1), BrightnessRange = new(0.5, 0.6),
        };

        var samples = augmenter.Sample(200, 16, 40);

        Assert.All(samples, s =>
        {
            Assert.InRange(s.RotationDegrees, -20, 20);
            Assert.InRange(s.ShiftX, -10, 10);   // 0.25 of width 40
            Assert.InRange(s.ShiftY, -3, 3);     // 3 pixels
            Assert.InRange(s.ZoomX, 0.9, 1.1);
            Assert.InRange(s.Brightness, 0.5, 0.6);
        });
        Assert.Contains(samples, s => s.RotationDegrees < -10);
        Assert.Contains(samples, s => s.RotationDegrees > 10);
    }

    [Fact]
    public void Bad_ranges_and_shapes_are_refused()
    {
        using var x = Pattern();
        using var flat = Tensors.From([1f, 2, 3], 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmenter { RotationRange = -1 }.Apply(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmenter { ZoomRange = new(1.2, 0.8) }.Apply(x));
        Assert.Throws<ArgumentException>(() => new ImageAugmenter().Apply(flat));
        Assert.Throws<ArgumentException>(() => new ImageAugmenter().Apply(x, [default, default]));
    }

    [Fact]
    public void Dataset_augments_the_training_subset_only()
    {
        using var tmp = new TempFolder();
        for (var i = 0; i < 10; i++)
        {
            var pixels = Enumerable.Range(0, 8 * 8 * 3).Select(v => (byte)(v * 5 + i)).ToArray();
            tmp.Write($"a/{i}.png", pixels, 8, 8, 3);
        }
        var options = new ImageFolderOptions
        {
            TargetSize = new(8, 8), ClassMode = ClassMode.Sparse, ValidationSplit = 0.5, Seed = 1,
            Augmenter = new ImageAugmenter(2) { HorizontalFlip = true, RotationRange = 30 },
        };
        var train = new ImageFolderDataset(tmp.Root, options);
        var valid = new ImageFolderDataset(tmp.Root, options with { Subset = Subset.Validation });
        int[] all = [0, 1, 2, 3, 4];

        using var trainBatch = train.GetBatch(all);
        using var trainRaw = train.LoadImages(all);
        using var validBatch = valid.GetBatch(all);
        using var validRaw = valid.LoadImages(all);

        Assert.NotEqual(trainRaw.Floats(), trainBatch.Inputs.Floats());
        Assert.Equal(validRaw.Floats(), validBatch.Inputs.Floats());
    }
}
