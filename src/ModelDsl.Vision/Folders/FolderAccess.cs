namespace ModelDsl.Vision;

/// <summary>
/// Tells a missing folder from one this user may not read. <see cref="Directory.Exists"/> is false for both a folder
/// that is not there and one behind a folder without search permission, and listing an unreadable folder throws
/// <see cref="UnauthorizedAccessException"/>: each becomes an <see cref="ImageFolderException"/> saying which it is.
/// </summary>
internal static class FolderAccess
{
    /// <summary>Throws unless <paramref name="folder"/> exists and can be listed.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="what">How messages name it: "Image folder", "Class folder".</param>
    internal static void RequireReadable(string folder, string what)
    {
        if (Directory.Exists(folder))
        {
            List(folder, what);
            return;
        }
        if (File.Exists(folder)) throw new ImageFolderException(folder, $"{what} '{folder}' is a file, not a folder.");
        if (BlockingAncestor(folder) is { } blocked)
        {
            throw new ImageFolderException(folder, $"{what} '{folder}' cannot be read: permission denied on '{blocked}'.");
        }
        throw new ImageFolderException(folder, $"{what} '{folder}' does not exist.");
    }

    /// <summary>The entries of <paramref name="folder"/>, or an exception saying it cannot be read.</summary>
    internal static List<string> List(string folder, string what, Func<string, IEnumerable<string>>? enumerate = null)
    {
        try
        {
            return (enumerate ?? Directory.EnumerateFileSystemEntries)(folder).ToList();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImageFolderException(folder, $"{what} '{folder}' cannot be read: permission denied.", e);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ImageFolderException(folder, $"{what} '{folder}' cannot be read: {e.Message}", e);
        }
    }

    // The nearest existing ancestor, when it hides the path: it cannot be listed, or it lists the next component
    // (which therefore exists but cannot be reached).
    private static string? BlockingAncestor(string folder)
    {
        var current = Path.GetFullPath(folder);
        for (var parent = Path.GetDirectoryName(current); parent is not null; current = parent, parent = Path.GetDirectoryName(parent))
        {
            if (!Directory.Exists(parent)) continue;
            try
            {
                var name = Path.GetFileName(current);
                return Directory.EnumerateFileSystemEntries(parent).Any(e => Path.GetFileName(e) == name) ? parent : null;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                return parent;
            }
        }
        return null;
    }
}
