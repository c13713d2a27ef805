// Compiled by MSBuild's RoslynCodeTaskFactory from ModelDsl.Runtime.targets (no task assembly ships),
// and linked into the runtime tests (with MODELDSL_ELF_ONLY, so they need no MSBuild assemblies).
// Keep it self-contained: only BCL and MSBuild types.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
#if !MODELDSL_ELF_ONLY
using Microsoft.Build.Framework;

/// <summary>
/// Makes TorchSharp's <c>libLibTorchSharp.so</c> load where the system libstdc++ lacks a symbol version it
/// names but never binds. TorchSharp 0.107 is built with GCC 13, whose <c>&lt;iostream&gt;</c> emits a
/// reference to <c>std::ios_base_library_init()</c>@GLIBCXX_3.4.32 that no relocation uses; Debian 12 and
/// Ubuntu 22.04 stop at GLIBCXX_3.4.30, so the dynamic loader refuses the whole library. Marking that
/// one version requirement weak (VER_FLG_WEAK) lets the loader accept it. The patched library is a new
/// file renamed over the output copy, so a hard link into the NuGet cache is never written through.
/// </summary>
public class WeakenGlibcxxRequirement : Microsoft.Build.Utilities.Task
{
    /// <summary>The copies of libLibTorchSharp.so in the output (others are ignored).</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The system libstdc++ to test; found in the usual places when empty.</summary>
    public string SystemLibStdCxx { get; set; } = "";

    /// <summary>The version to weaken.</summary>
    public string Version { get; set; } = ElfVersionNeeds.TorchSharpGlibcxxVersion;

    public override bool Execute()
    {
        if (!OperatingSystemIsLinux()) return true;
        var libstdcxx = SystemLibStdCxx.Length > 0 ? SystemLibStdCxx : ElfVersionNeeds.FindSystemLibStdCxx();
        if (libstdcxx == null)
        {
            Log.LogMessage(MessageImportance.Low, "ModelDsl: no system libstdc++.so.6 found; libLibTorchSharp.so left as shipped.");
            return true;
        }
        if (ElfVersionNeeds.FileDefinesVersion(libstdcxx, Version)) return true;
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                var outcome = ElfVersionNeeds.WeakenInPlace(path, Version);
                if (outcome == WeakenOutcome.Patched)
                    Log.LogMessage(MessageImportance.Normal, $"ModelDsl: {path}: {Version} marked weak ({libstdcxx} lacks it).");
                else if (outcome == WeakenOutcome.SymbolsBound)
                    Log.LogWarning($"ModelDsl: {path} binds symbols of {Version}, which {libstdcxx} lacks; it was left as shipped and will not load here.");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogWarning($"ModelDsl: could not prepare {path} for this system's libstdc++: {e.Message}");
            }
        }
        return true;
    }

    private static bool OperatingSystemIsLinux() =>
        System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux);
}
#endif

/// <summary>What <see cref="ElfVersionNeeds.WeakenInPlace"/> did.</summary>
public enum WeakenOutcome
{
    /// <summary>The file does not require the version (or is not a 64-bit little-endian ELF file).</summary>
    NotRequired,
    /// <summary>The requirement was already weak.</summary>
    AlreadyWeak,
    /// <summary>A patched copy replaced the file.</summary>
    Patched,
    /// <summary>Symbols other than the known unbound one carry the version: patching would be unsafe.</summary>
    SymbolsBound,
}

/// <summary>Reads and edits the GNU version-needs table (<c>.gnu.version_r</c>) of 64-bit little-endian ELF files.</summary>
public static class ElfVersionNeeds
{
    /// <summary>The version TorchSharp 0.107's native library needs beyond Debian 12's libstdc++.</summary>
    public const string TorchSharpGlibcxxVersion = "GLIBCXX_3.4.32";

    /// <summary>The only symbol of that version: emitted by GCC 13's &lt;iostream&gt;, never relocated.</summary>
    public const string UnboundSymbol = "_ZSt21ios_base_library_initv";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const uint ShtDynsym = 11;
    private const ushort VerFlgWeak = 0x2;

    private static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    /// <summary>The system's libstdc++.so.6, or null.</summary>
    public static string? FindSystemLibStdCxx()
    {
        foreach (var c in LibStdCxxCandidates) if (File.Exists(c)) return c;
        return null;
    }

    /// <summary>Whether the library's version definitions name <paramref name="version"/> (a byte search of its string tables).</summary>
    public static bool FileDefinesVersion(string path, string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        var data = File.ReadAllBytes(path);
        return IndexOf(data, needle) >= 0;
    }

    /// <summary>The state of <paramref name="version"/>'s requirement in <paramref name="elf"/>: null when absent, else (offset of its flags, weak?).</summary>
    public static (int FlagsOffset, bool Weak, ushort Index)? FindRequirement(byte[] elf, string version)
    {
        var sections = ReadSections(elf);
        if (sections == null) return null;
        foreach (var s in sections)
        {
            if (s.Type != ShtGnuVerneed) continue;
            var strtab = sections[(int)s.Link];
            var p = checked((int)s.Offset);
            for (var i = 0; i < s.Info; i++)
            {
                var cnt = U16(elf, p + 2);
                var aux = p + (int)U32(elf, p + 8);
                for (var j = 0; j < cnt; j++)
                {
                    var flags = U16(elf, aux + 4);
                    var other = U16(elf, aux + 6);
                    var name = ReadString(elf, (int)strtab.Offset + (int)U32(elf, aux + 8));
                    if (name == version) return (aux + 4, (flags & VerFlgWeak) != 0, other);
                    var next = (int)U32(elf, aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                var vnNext = (int)U32(elf, p + 12);
                if (vnNext == 0) break;
                p += vnNext;
            }
        }
        return null;
    }

    /// <summary>Names of the dynamic symbols versioned with the requirement whose index is <paramref name="versionIndex"/>.</summary>
    public static List<string> SymbolsOfVersion(byte[] elf, ushort versionIndex)
    {
        var result = new List<string>();
        var sections = ReadSections(elf);
        if (sections == null) return result;
        Section? dynsym = null, versym = null;
        foreach (var s in sections)
        {
            if (s.Type == ShtDynsym) dynsym = s;
            else if (s.Type == ShtGnuVersym) versym = s;
        }
        if (dynsym == null || versym == null) return result;
        var strtab = sections[(int)dynsym.Value.Link];
        var count = dynsym.Value.Size / 24;
        for (var i = 0; i < (int)count; i++)
        {
            var ver = (ushort)(U16(elf, (int)versym.Value.Offset + 2 * i) & 0x7fff);
            if (ver != versionIndex) continue;
            var nameOffset = U32(elf, (int)dynsym.Value.Offset + 24 * i);
            result.Add(ReadString(elf, (int)strtab.Offset + (int)nameOffset));
        }
        return result;
    }

    /// <summary>
    /// Marks <paramref name="version"/> weak in a copy of <paramref name="path"/> and renames the copy over it,
    /// keeping the original's timestamp so incremental copies see it unchanged. Refuses when any symbol
    /// other than <see cref="UnboundSymbol"/> carries the version.
    /// </summary>
    public static WeakenOutcome WeakenInPlace(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        var req = FindRequirement(elf, version);
        if (req == null) return WeakenOutcome.NotRequired;
        if (req.Value.Weak) return WeakenOutcome.AlreadyWeak;
        foreach (var symbol in SymbolsOfVersion(elf, req.Value.Index))
            if (symbol != UnboundSymbol) return WeakenOutcome.SymbolsBound;
        var flags = (ushort)(U16(elf, req.Value.FlagsOffset) | VerFlgWeak);
        elf[req.Value.FlagsOffset] = (byte)flags;
        elf[req.Value.FlagsOffset + 1] = (byte)(flags >> 8);
        var stamp = File.GetLastWriteTimeUtc(path);
        var temp = path + ".modeldsl-" + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temp, elf);
            File.SetLastWriteTimeUtc(temp, stamp);
            // rename(2) over the output copy: a hard link into the NuGet cache keeps the original bytes.
            File.Replace(temp, path, null);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return WeakenOutcome.Patched;
    }

    private struct Section
    {
        public uint Type;
        public ulong Offset;
        public ulong Size;
        public uint Link;
        public uint Info;
    }

    private static Section[]? ReadSections(byte[] elf)
    {
        // 64-bit (class 2), little-endian (data 1) only: the platforms TorchSharp ships for Linux.
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F') return null;
        if (elf[4] != 2 || elf[5] != 1) return null;
        var shoff = U64(elf, 0x28);
        var entsize = U16(elf, 0x3A);
        var count = U16(elf, 0x3C);
        if (entsize < 64 || shoff + (ulong)entsize * count > (ulong)elf.Length) throw new InvalidDataException("section headers lie outside the file");
        var result = new Section[count];
        for (var i = 0; i < count; i++)
        {
            var h = (int)shoff + i * entsize;
            result[i] = new Section { Type = U32(elf, h + 4), Offset = U64(elf, h + 24), Size = U64(elf, h + 32), Link = U32(elf, h + 40), Info = U32(elf, h + 44) };
            if (result[i].Type != 8 && result[i].Offset + result[i].Size > (ulong)elf.Length) throw new InvalidDataException($"section {i} lies outside the file");
        }
        return result;
    }

    private static ushort U16(byte[] b, int o) { Check(b, o, 2); return (ushort)(b[o] | b[o + 1] << 8); }
    private static uint U32(byte[] b, int o) { Check(b, o, 4); return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24); }
    private static ulong U64(byte[] b, int o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;

    private static void Check(byte[] b, int o, int n)
    {
        if (o < 0 || o + n > b.Length) throw new InvalidDataException($"offset {o} lies outside the file");
    }

    private static string ReadString(byte[] b, int o)
    {
        Check(b, o, 1);
        var end = o;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, o, end - o);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack[i] != needle[0]) continue;
            var k = 1;
            while (k < needle.Length && haystack[i + k] == needle[k]) k++;
            if (k == needle.Length) return i;
        }
        return -1;
    }
}
