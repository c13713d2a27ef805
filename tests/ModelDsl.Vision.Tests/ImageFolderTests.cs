using ModelDsl.Vision.Tests.Support;

namespace ModelDsl.Vision.Tests;

public sealed class ImageFolderTests
{
    private static readonly ImageSize Small = new(6, 8);

    private static ImageFolderOptions Options(ClassMode mode = ClassMode.Sparse) =>
        new() { TargetSize = Small, ClassMode = mode, DecodeThreads = 2 };

    [Fact]
    public void Class_names_are_sorted_ordinally_and_index_the_labels()
    {
        using var tmp = TempFolder.WithClasses(("dogs", 2), ("cats", 3), ("Birds", 1));

        var data = new ImageFolderDataset(tmp.Root, Options());

        Assert.Equal(["Birds", "cats", "dogs"], data.ClassNames);
        Assert.Equal(new Dictionary<string, int> { ["Birds"] = 0, ["cats"] = 1, ["dogs"] = 2 }, data.ClassIndices);
        Assert.Equal(6, data.Count);
        Assert.Equal([0, 1, 1, 1, 2, 2], data.Images.Select(i => i.Label));
        Assert.All(data.Images, i => Assert.Equal(data.ClassNames[i.Label], Path.GetFileName(Path.GetDirectoryName(i.Path))));
    }

    [Fact]
    public void Explicit_classes_choose_folders_and_order()
    {
        using var tmp = TempFolder.WithClasses(("a", 1), ("b", 2), ("c", 1));

        var data = new ImageFolderDataset(tmp.Root, Options() with { Classes = ["c", "a"] });

        Assert.Equal(["c", "a"], data.ClassNames);
        Assert.Equal(2, data.Count);
        Assert.Equal([0, 1], data.Images.Select(i => i.Label));
    }

    [Fact]
    public void Class_modes_shape_the_targets()
    {
        using var tmp = TempFolder.WithClasses(("a", 2), ("b", 2));
        int[] indices = [0, 3, 1];

        using (var sparse = new ImageFolderDataset(tmp.Root, Options(ClassMode.Sparse)).GetBatch(indices))
        {
            Assert.Equal(ScalarType.Int64, sparse.Targets.dtype);
            Assert.Equal([0L, 1, 0], sparse.Targets.Longs());
        }
        using (var categorical = new ImageFolderDataset(tmp.Root, Options(ClassMode.Categorical)).GetBatch(indices))
        {
            Assert.Equal([3L, 2], categorical.Targets.shape);
            Assert.Equal([1f, 0, 0, 1, 1, 0], categorical.Targets.Floats());
        }
        using (var binary = new ImageFolderDataset(tmp.Root, Options(ClassMode.Binary)).GetBatch(indices))
        {
            Assert.Equal([3L], binary.Targets.shape);
            Assert.Equal([0f, 1, 0], binary.Targets.Floats());
        }
        using (var none = new ImageFolderDataset(tmp.Root, Options(ClassMode.None)).GetBatch(indices))
        {
            Assert.Equal([3L, 0], none.Targets.shape);
            Assert.Equal([3L, 3, 6, 8], none.Inputs.shape);
        }
    }

    [Fact]
    public void Binary_mode_needs_exactly_two_classes()
    {
        using var tmp = TempFolder.WithClasses(("a", 1), ("b", 1), ("c", 1));

        var e = Assert.Throws<ImageFolderException>(() => new ImageFolderDataset(tmp.Root, Options(ClassMode.Binary)));

        Assert.Contains("exactly 2 classes", e.Message);
        Assert.Contains("a, b, c", e.Message);
    }

    [Fact]
    public void Pixels_after_decode_and_rescale_are_exact()
    {
        using var tmp = new TempFolder();
        // 2x2 RGB PNG of known values, kept at its size (target = stored size, so no resampling).
        tmp.Write("only/known.png", [0, 51, 102, 153, 204, 255, 10, 20, 30, 40, 50, 60], 2, 2, 3);

        var data = new ImageFolderDataset(tmp.Root, Options() with { TargetSize = new(2, 2), Rescale = 1f / 255 });
        using var batch = data.GetBatch([0]);

        float[] expected = [0, 153, 10, 40, 51, 204, 20, 50, 102, 255, 30, 60];
        var actual = batch.Inputs.Floats();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i] / 255f, actual[i], 6);
    }

    [Fact]
    public void Caffe_mode_swaps_to_bgr_and_subtracts_the_imagenet_mean()
    {
        using var tmp = new TempFolder();
        tmp.WriteSolid("only/solid.png", 200, 100, 50, 2, 2);

        var data = new ImageFolderDataset(tmp.Root, Options() with { TargetSize = new(2, 2), Preprocessing = PreprocessingMode.Caffe });
        using var batch = data.GetBatch([0]);

        var x = batch.Inputs.Floats();
        Assert.Equal(50 - 103.939f, x[0], 4);   // B plane first
        Assert.Equal(100 - 116.779f, x[4], 4);
        Assert.Equal(200 - 123.68f, x[8], 4);
    }

    [Fact]
    public void Torch_and_tf_modes_normalise_like_keras_preprocess_input()
    {
        using var tmp = new TempFolder();
        tmp.WriteSolid("only/solid.png", 200, 100, 50, 2, 2);
        var baseOptions = Options() with { TargetSize = new(2, 2) };

        using var torch = new ImageFolderDataset(tmp.Root, baseOptions with { Preprocessing = PreprocessingMode.Torch }).GetBatch([0]);
        var t = torch.Inputs.Floats();
        Assert.Equal((200 / 255f - 0.485f) / 0.229f, t[0], 4);
        Assert.Equal((100 / 255f - 0.456f) / 0.224f, t[4], 4);
        Assert.Equal((50 / 255f - 0.406f) / 0.225f, t[8], 4);

        using var tf = new ImageFolderDataset(tmp.Root, baseOptions with { Preprocessing = PreprocessingMode.Tf }).GetBatch([0]);
        Assert.Equal(200 / 127.5f - 1, tf.Inputs.Floats()[0], 5);
    }

    [Fact]
    public void Preprocessing_and_rescale_together_are_refused()
    {
        using var tmp = TempFolder.WithClasses(("a", 1));

        var e = Assert.Throws<ArgumentException>(() => new ImageFolderDataset(tmp.Root,
            Options() with { Preprocessing = PreprocessingMode.Caffe, Rescale = 1 / 255f }));

        Assert.Contains("Rescale", e.Message);
    }

    [Fact]
    public void Grayscale_gives_one_channel()
    {
        using var tmp = TempFolder.WithClasses(("a", 2));

        var data = new ImageFolderDataset(tmp.Root, Options() with { ColorMode = ColorMode.Grayscale });
        using var batch = data.GetBatch([0, 1]);

        Assert.Equal([2L, 1, 6, 8], batch.Inputs.shape);
        Assert.Equal([1L, 6, 8], data.ImageShape);
    }

    [Theory]
    [InlineData(0.25, 3, 13)]
    [InlineData(0.5, 8, 8)]
    [InlineData(0.1, 1, 15)]
    public void Validation_split_is_stratified_and_never_overlaps(double split, int validation, int training)
    {
        // 10 + 6 images: per class floor(split * n) are held out.
        using var tmp = TempFolder.WithClasses(("a", 10), ("b", 6));
        var o = Options() with { ValidationSplit = split, Seed = 7 };

        var train = new ImageFolderDataset(tmp.Root, o with { Subset = Subset.Training });
        var valid = new ImageFolderDataset(tmp.Root, o with { Subset = Subset.Validation });

        Assert.Equal(training, train.Count);
        Assert.Equal(validation, valid.Count);
        Assert.Empty(train.Images.Select(i => i.Path).Intersect(valid.Images.Select(i => i.Path)));
        Assert.Equal(16, train.Images.Concat(valid.Images).Select(i => i.Path).Distinct().Count());
    }

    [Fact]
    public void Validation_split_is_deterministic_per_seed()
    {
        using var tmp = TempFolder.WithClasses(("a", 20), ("b", 20));
        IReadOnlyList<string> Held(int seed) => new ImageFolderDataset(tmp.Root,
            Options() with { ValidationSplit = 0.2, Subset = Subset.Validation, Seed = seed }).Images.Select(i => i.Path).ToArray();

        Assert.Equal(Held(1), Held(1));
        Assert.NotEqual(Held(1), Held(2));
    }

    [Fact]
    public void Validation_subset_without_a_split_is_refused()
    {
        using var tmp = TempFolder.WithClasses(("a", 2));

        Assert.Throws<ArgumentException>(() => new ImageFolderDataset(tmp.Root, Options() with { Subset = Subset.Validation }));
    }

    [Fact]
    public void Shuffle_is_seeded()
    {
        using var tmp = TempFolder.WithClasses(("a", 15), ("b", 15));
        string[] Order(int seed) => new ImageFolderDataset(tmp.Root, Options() with { Shuffle = true, Seed = seed })
            .Images.Select(i => i.Path).ToArray();

        var sorted = new ImageFolderDataset(tmp.Root, Options()).Images.Select(i => i.Path).ToArray();
        Assert.Equal(Order(3), Order(3));
        Assert.NotEqual(sorted, Order(3));
        Assert.Equal(sorted.Order(), Order(3).Order());
    }

    [Fact]
    public void Batches_hold_the_right_images_when_decoded_in_parallel()
    {
        using var tmp = TempFolder.WithClasses(("a", 12), ("b", 12));
        var data = new ImageFolderDataset(tmp.Root, Options() with { DecodeThreads = 4 });
        int[] indices = Enumerable.Range(0, 24).Reverse().ToArray();

        using var batch = data.GetBatch(indices);

        var x = batch.Inputs.Floats();
        var perImage = 3 * 6 * 8;
        for (var n = 0; n < indices.Length; n++)
        {
            // The red value written for (class c, image i) is c*50 + i.
            var entry = data.Images[indices[n]];
            var number = int.Parse(Path.GetFileNameWithoutExtension(entry.Path)[3..]);
            Assert.Equal(entry.Label * 50 + number, x[n * perImage]);
        }
    }

    [Fact]
    public void Folder_with_no_classes_names_the_folder()
    {
        using var tmp = new TempFolder();
        tmp.WriteSolid("loose.png", 1, 2, 3);

        var e = Assert.Throws<ImageFolderException>(() => new ImageFolderDataset(tmp.Root, Options()));

        Assert.Equal(tmp.Root, e.Path);
        Assert.Contains("no class sub-folders", e.Message);
    }

    [Fact]
    public void Empty_class_folder_names_the_folder()
    {
        using var tmp = TempFolder.WithClasses(("a", 2));
        Directory.CreateDirectory(tmp.PathOf("b"));
        File.WriteAllText(tmp.PathOf("b/readme.txt"), "not an image");

        var e = Assert.Throws<ImageFolderException>(() => new ImageFolderDataset(tmp.Root, Options()));

        Assert.Equal(tmp.PathOf("b"), e.Path);
        Assert.Contains("contains no images", e.Message);
    }

    [Fact]
    public void Missing_folder_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "mdsl-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<ImageFolderException>(() => new ImageFolderDataset(missing, Options()));

        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Unsupported_format_names_the_file()
    {
        using var tmp = TempFolder.WithClasses(("a", 2));
        var tiff = tmp.WriteBytes("a/scan.tiff", [0x49, 0x49, 0x2A, 0x00]);

        var e = Assert.Throws<ImageFolderException>(() => new ImageFolderDataset(tmp.Root, Options()));

        Assert.Equal(tiff, e.Path);
        Assert.Contains("unsupported image format '.tiff'", e.Message);
    }

    [Fact]
    public void Corrupt_image_fails_its_batch_naming_the_file()
    {
        using var tmp = TempFolder.WithClasses(("a", 3));
        var bad = tmp.WriteBytes("a/img001.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
        var data = new ImageFolderDataset(tmp.Root, Options());

        var e = Assert.Throws<ImageDecodeException>(() => data.GetBatch([0, 1, 2]));

        Assert.Equal(bad, e.ImageSource);
        using var fine = data.GetBatch([0, 2]);
        Assert.Equal(2, fine.Size);
    }

    [Fact]
    public void Skip_bad_files_leaves_them_out_with_a_warning_listing_them()
    {
        using var tmp = TempFolder.WithClasses(("a", 3), ("b", 2));
        var corrupt = tmp.WriteBytes("a/img001.png", "garbage"u8.ToArray());
        var bytes = File.ReadAllBytes(Reference.PathOf("pattern.jpg"));
        var truncated = tmp.WriteBytes("b/cut.jpg", bytes[..(bytes.Length / 2)]);
        var tiff = tmp.WriteBytes("b/scan.tif", [1, 2, 3]);
        var warnings = new StringWriter();

        var data = new ImageFolderDataset(tmp.Root, Options() with { SkipBadFiles = true, Warnings = warnings });

        Assert.Equal(4, data.Count);
        Assert.Equal([corrupt, truncated, tiff], data.SkippedFiles.Select(s => s.Path).Order(StringComparer.Ordinal));
        var text = warnings.ToString();
        Assert.Contains("skipped 3 unreadable image(s)", text);
        Assert.Contains(corrupt, text);
        Assert.Contains(truncated, text);
        Assert.Contains(tiff, text);
        using var batch = data.GetBatch([0, 1, 2, 3]);
        Assert.Equal(4, batch.Size);
    }

    [Fact]
    public void Skipping_every_image_of_a_class_is_an_error_naming_it()
    {
        using var tmp = TempFolder.WithClasses(("a", 2));
        tmp.WriteBytes("b/bad.png", [1, 2, 3]);

        var e = Assert.Throws<ImageFolderException>(() => new ImageFolderDataset(tmp.Root,
            Options() with { SkipBadFiles = true, Warnings = TextWriter.Null }));

        Assert.Equal(tmp.PathOf("b"), e.Path);
    }

    [Fact]
    public void Out_of_range_index_is_refused()
    {
        using var tmp = TempFolder.WithClasses(("a", 2));
        var data = new ImageFolderDataset(tmp.Root, Options());

        Assert.Throws<ArgumentOutOfRangeException>(() => data.GetBatch([2]));
    }

    [Fact]
    public void Jpeg_and_png_images_mix_in_one_folder()
    {
        using var tmp = new TempFolder();
        tmp.WriteSolid("a/one.jpg", 100, 100, 100, 16, 12);
        tmp.WriteSolid("b/two.png", 100, 100, 100, 16, 12);

        var data = new ImageFolderDataset(tmp.Root, Options());
        using var batch = data.GetBatch([0, 1]);

        var x = batch.Inputs.Floats();
        Assert.All(x, v => Assert.InRange(v, 97, 103));
    }

    [Fact]
    public void Batches_do_not_belong_to_the_callers_dispose_scope()
    {
        // A prefetching loader hands batches across threads, so they must outlive any scope they were made in.
        using var tmp = TempFolder.WithClasses(("a", 2), ("b", 2));
        var data = new ImageFolderDataset(tmp.Root, Options() with
        {
            Preprocessing = PreprocessingMode.Torch, Augmenter = new ImageAugmenter(1) { RotationRange = 10 },
        });

        Training.Data.Batch batch;
        using (torch.NewDisposeScope()) batch = data.GetBatch([0, 3]);

        using (batch)
        {
            Assert.False(batch.Inputs.IsInvalid);
            Assert.Equal([2L, 3, 6, 8], batch.Inputs.shape);
            Assert.Equal([0L, 1], batch.Targets.Longs());
        }
    }
}
