using System.CommandLine;
using ModelDsl.Vision;

namespace ModelDsl.Cli;

/// <summary>
/// <c>modeldsl augment-preview DIR --out grid.png [--rows R --cols C --seed S] [augmentation options]</c>:
/// a PNG grid whose rows are images of the folder, first column as decoded, the others augmented.
/// </summary>
internal static class AugmentPreviewCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "Image folder with one sub-folder of images per class." };
        var output = new Option<string>("--out", "-o") { HelpName = "PNG", Description = "The PNG to write.", Required = true };
        var rows = new Option<int>("--rows") { HelpName = "R", Description = "Images shown, one per row.", DefaultValueFactory = _ => 4 };
        var cols = new Option<int>("--cols") { HelpName = "C", Description = "Columns: the original plus C-1 augmentations.", DefaultValueFactory = _ => 6 };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Seed of the random augmentations.", DefaultValueFactory = _ => 0 };
        var rotation = new Option<double>("--rotation") { HelpName = "DEG", Description = "Rotation range in degrees." };
        var shift = new Option<double>("--shift") { HelpName = "F", Description = "Width and height shift range (fraction below 1, else pixels)." };
        var zoom = new Option<double>("--zoom") { HelpName = "F", Description = "Zoom range: factors drawn from [1-F, 1+F]." };
        var flip = new Option<string>("--flip") { Description = "Random mirroring.", DefaultValueFactory = _ => "none" };
        flip.AcceptOnlyFromAmong(AugmentationText.Flips);
        var shear = new Option<double>("--shear") { HelpName = "DEG", Description = "Shear range in degrees." };
        var brightness = new Option<string?>("--brightness") { HelpName = "LO,HI", Description = "Pixel multiplier range LO,HI, e.g. 0.7,1.3." };
        var fill = new Option<string>("--fill") { Description = "Fill for pixels from outside the image.", DefaultValueFactory = _ => "nearest" };
        fill.AcceptOnlyFromAmong(AugmentationText.Fills);
        var size = new Option<string>("--size") { HelpName = "HxW", Description = "Size each image is shown at.", DefaultValueFactory = _ => "128x128" };
        var command = new Command("augment-preview",
            "Write a PNG grid: rows of images from the folder, each as decoded then augmented. With no augmentation option: the seed's rotation 40, shift 0.2, zoom 0.2, horizontal flip.")
        {
            dir, output, rows, cols, seed, rotation, shift, zoom, flip, shear, brightness, fill, size,
        };
        command.SetAction(result =>
        {
            var sizeText = result.GetValue(size)!;
            if (!AugmentationText.TryParseSize(sizeText, out var imageSize))
            {
                stderr.WriteLine($"modeldsl: --size expects HxW with positive numbers (e.g. 128x128) but got '{sizeText}'");
                return CliApp.UsageError;
            }
            ValueRange? brightnessRange = null;
            if (result.GetValue(brightness) is { } brightnessText)
            {
                if (!AugmentationText.TryParseRange(brightnessText, out var parsed))
                {
                    stderr.WriteLine($"modeldsl: --brightness expects LO,HI with LO <= HI (e.g. 0.7,1.3) but got '{brightnessText}'");
                    return CliApp.UsageError;
                }
                brightnessRange = parsed;
            }
            var flipName = result.GetValue(flip)!;
            // Options given on the command line (not just their defaults) replace the seed's augmentation.
            var anyOption = new[] { rotation, shift, zoom, shear }.Any(o => result.GetResult(o) is { Implicit: false })
                || result.GetResult(flip) is { Implicit: false } || brightnessRange is not null;
            var augmenter = anyOption
                ? new ImageAugmenter(result.GetValue(seed))
                {
                    RotationRange = result.GetValue(rotation),
                    WidthShiftRange = result.GetValue(shift),
                    HeightShiftRange = result.GetValue(shift),
                    ZoomRange = result.GetValue(zoom) is var z and not 0 ? ValueRange.AroundOne(z) : null,
                    HorizontalFlip = flipName is "horizontal" or "both",
                    VerticalFlip = flipName is "vertical" or "both",
                    ShearRange = result.GetValue(shear),
                    BrightnessRange = brightnessRange,
                    FillMode = AugmentationText.Fill(result.GetValue(fill)!),
                }
                : SeedDefaults(result.GetValue(seed), AugmentationText.Fill(result.GetValue(fill)!));
            return Run(result.GetValue(dir)!, result.GetValue(output)!, augmenter, result.GetValue(rows), result.GetValue(cols), imageSize, stdout, stderr);
        });
        return command;
    }

    // The seeds' ImageDataGenerator (Chollet 5.2) minus its shear, which Keras takes in degrees and 0.2 would not show.
    private static ImageAugmenter SeedDefaults(int seed, FillMode fill) => new(seed)
    {
        RotationRange = 40,
        WidthShiftRange = 0.2,
        HeightShiftRange = 0.2,
        ZoomRange = ValueRange.AroundOne(0.2),
        HorizontalFlip = true,
        FillMode = fill,
    };

    private static int Run(string directory, string path, ImageAugmenter augmenter, int rows, int cols, ImageSize size, TextWriter stdout, TextWriter stderr)
    {
        if (rows < 1 || cols < 1)
        {
            stderr.WriteLine($"modeldsl: --rows and --cols must be at least 1, got {rows} and {cols}");
            return CliApp.UsageError;
        }
        try
        {
            // Before any image is read: a --size whose grid cannot be drawn is a usage error, not a failed allocation.
            AugmentationPreview.GridSize(rows, cols, size);
        }
        catch (ArgumentOutOfRangeException e)
        {
            stderr.WriteLine("modeldsl: --size " + size + ": " + ErrorText.Of(e));
            return CliApp.UsageError;
        }
        try
        {
            var grid = AugmentationPreview.WriteGrid(directory, path, augmenter, rows, cols, size);
            stdout.WriteLine($"wrote {path}: {grid.Width}x{grid.Height} pixels, images shown at {size}");
            return CliApp.Success;
        }
        catch (Exception e) when (e is ImageFolderException or ImageDecodeException or IOException or UnauthorizedAccessException
            or ArgumentException or System.Runtime.InteropServices.ExternalException)
        {
            stderr.WriteLine("modeldsl: error: " + ErrorText.Of(e));
            return ExitCodes.For(e);
        }
    }
}
