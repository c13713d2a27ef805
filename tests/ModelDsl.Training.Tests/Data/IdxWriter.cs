using System.Buffers.Binary;
using System.IO.Compression;

namespace ModelDsl.Training.Tests.Data;

/// <summary>Writes small IDX files for tests (the format is simple enough to build byte by byte).</summary>
internal static class IdxWriter
{
    public static byte[] Bytes(int[] dims, byte[] data, uint? magic = null)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header, magic ?? (uint)(0x800 + dims.Length));
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), (uint)dims[i]);
        return [.. header, .. data];
    }

    public static string Write(string path, byte[] bytes, bool gzip = false)
    {
        if (gzip)
        {
            using var file = File.Create(path);
            using var z = new GZipStream(file, CompressionLevel.Fastest);
            z.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }
}
