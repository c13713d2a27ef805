using System.Buffers.Binary;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>
/// Byte-level damage for the fuzz tests: bit flips, overwrites with the values parsers mishandle (0, 0xFF, 0x7F,
/// 0x80 and their wider forms), truncations, duplicated and removed chunks. Every choice comes from the caller's
/// <see cref="Random"/>, so a case is reproduced from its seed alone.
/// </summary>
internal static class Mutations
{
    public static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, 0x01];

    public static readonly long[] InterestingInts =
    [
        0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, int.MaxValue, int.MinValue, uint.MaxValue, 1L << 32, 1L << 40,
        1L << 62, long.MaxValue, long.MinValue,
    ];

    /// <summary>One random kind of damage at a position chosen by <paramref name="position"/> (any position when null).</summary>
    public static (byte[] Bytes, string What) Damage(byte[] source, Random random, Func<Random, int, int>? position = null)
    {
        if (source.Length == 0) return ([(byte)random.Next(256)], "one byte added to nothing");
        var at = (position ?? ((r, length) => r.Next(length)))(random, source.Length);
        var bytes = (byte[])source.Clone();
        switch (random.Next(7))
        {
            case 0:
                var flips = random.Next(1, 5);
                for (var i = 0; i < flips; i++) bytes[Math.Min(bytes.Length - 1, at + random.Next(4))] ^= (byte)(1 << random.Next(8));
                return (bytes, $"{flips} bit flips near {at}");
            case 1:
                var value = InterestingBytes[random.Next(InterestingBytes.Length)];
                bytes[at] = value;
                return (bytes, $"byte {at} = 0x{value:x2}");
            case 2:
                var width = new[] { 2, 4, 8 }[random.Next(3)];
                if (at + width > bytes.Length) at = Math.Max(0, bytes.Length - width);
                var number = InterestingInts[random.Next(InterestingInts.Length)];
                WriteInt(bytes.AsSpan(at, Math.Min(width, bytes.Length - at)), number);
                return (bytes, $"{width}-byte int {number} at {at}");
            case 3:
                return (source[..at], $"truncated to {at}");
            case 4:
                var length = Math.Min(random.Next(1, 64), source.Length - at);
                return ([.. source[..(at + length)], .. source[at..(at + length)], .. source[(at + length)..]], $"{length} bytes at {at} duplicated");
            case 5:
                var removed = Math.Min(random.Next(1, 64), source.Length - at);
                return ([.. source[..at], .. source[(at + removed)..]], $"{removed} bytes at {at} removed");
            default:
                var b = (byte)random.Next(256);
                bytes[at] = b;
                return (bytes, $"byte {at} = random 0x{b:x2}");
        }
    }

    /// <summary>Writes <paramref name="value"/> little-endian into as many bytes as <paramref name="target"/> has.</summary>
    public static void WriteInt(Span<byte> target, long value)
    {
        Span<byte> full = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(full, value);
        full[..target.Length].CopyTo(target);
    }
}
