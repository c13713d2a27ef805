using ModelDsl.Tests.Shared;
using ModelDsl.Vision.Tests.Support;

namespace ModelDsl.Vision.Tests;

/// <summary>A folder the user may not read is reported as unreadable, naming it; a missing one as missing.</summary>
public sealed class FolderPermissionTests
{
    private static ImageFolderException Open(string root) =>
        Unprivileged.Run(() => Assert.Throws<ImageFolderException>(() => new ImageFolderDataset(root, new ImageFolderOptions { TargetSize = new(4, 4) })));

    [Fact]
    public void An_unreadable_image_folder_is_reported_as_unreadable_not_missing()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permission bits
        using var tmp = new TempFolder();
        tmp.WriteSolid("data/cats/1.png", 1, 2, 3);
        var root = tmp.PathOf("data");
        using var locked = Unprivileged.Lock(root);

        var e = Open(root);

        Assert.Equal(root, e.Path);
        Assert.Equal($"Image folder '{root}' cannot be read: permission denied.", e.Message);
    }

    [Fact]
    public void An_unreadable_class_folder_is_named()
    {
        if (OperatingSystem.IsWindows()) return;
        using var tmp = new TempFolder();
        tmp.WriteSolid("data/cats/1.png", 1, 2, 3);
        tmp.WriteSolid("data/dogs/1.png", 1, 2, 3);
        var dogs = tmp.PathOf("data/dogs");
        using var locked = Unprivileged.Lock(dogs);

        var e = Open(tmp.PathOf("data"));

        Assert.Equal(dogs, e.Path);
        Assert.Equal($"Class folder '{dogs}' cannot be read: permission denied.", e.Message);
    }

    [Fact]
    public void A_folder_behind_an_unsearchable_parent_names_the_parent()
    {
        if (OperatingSystem.IsWindows()) return;
        using var tmp = new TempFolder();
        tmp.WriteSolid("private/data/cats/1.png", 1, 2, 3);
        var parent = tmp.PathOf("private");
        var root = tmp.PathOf("private/data");
        using var locked = Unprivileged.Lock(parent);

        var e = Open(root);

        Assert.Equal($"Image folder '{root}' cannot be read: permission denied on '{parent}'.", e.Message);
    }

    [Fact]
    public void A_missing_folder_is_still_reported_as_missing()
    {
        using var tmp = new TempFolder();
        var root = tmp.PathOf("nothing-here");

        var e = Open(root);

        Assert.Equal($"Image folder '{root}' does not exist.", e.Message);
    }
}
