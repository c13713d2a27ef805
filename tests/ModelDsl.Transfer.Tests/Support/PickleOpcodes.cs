using System.Buffers.Binary;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>
/// Where the opcodes of a valid pickle are, so the fuzz tests can damage opcodes and their integer arguments
/// rather than random bytes (most of which fall inside names). Covers the opcodes torch.save writes.
/// </summary>
internal static class PickleOpcodes
{
    /// <summary>One opcode: its position, its byte, and where its argument is.</summary>
    public sealed record Op(int Position, byte Code, int ArgumentStart, int ArgumentLength, ArgumentKind Kind);

    public enum ArgumentKind { None, Int, Length, Text }

    /// <summary>Every opcode byte the fuzzer substitutes: those read here and some that are refused.</summary>
    public static readonly byte[] Codes =
        "}])(012NKMJIFLXTUBCtldaeshjqrcRQb.pgSViof"u8.ToArray().Concat(new byte[]
        {
            0x80, 0x95, 0x8f, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x96, 0x85, 0x86, 0x87, 0x91, 0x90, 0x94, 0x93, 0x81,
            0x82, 0x92, 0x97, 0x98, 0x47,
        }).ToArray();

    public static List<Op> Walk(byte[] pickle)
    {
        var ops = new List<Op>();
        var at = 0;
        while (at < pickle.Length)
        {
            var code = pickle[at];
            var start = at + 1;
            (int length, ArgumentKind kind) = code switch
            {
                0x80 or (byte)'K' or (byte)'h' or (byte)'q' => (1, ArgumentKind.Int),
                (byte)'M' => (2, ArgumentKind.Int),
                (byte)'J' or (byte)'j' or (byte)'r' => (4, ArgumentKind.Int),
                0x95 or (byte)'G' => (8, ArgumentKind.Int),
                0x8a or 0x8c or (byte)'C' or (byte)'U' => (1 + pickle[start], ArgumentKind.Length),
                (byte)'X' or (byte)'B' or (byte)'T' or 0x8b => (4 + (int)BinaryPrimitives.ReadUInt32LittleEndian(pickle.AsSpan(start)), ArgumentKind.Length),
                0x8d or 0x8e or 0x96 => (8 + (int)BinaryPrimitives.ReadInt64LittleEndian(pickle.AsSpan(start)), ArgumentKind.Length),
                (byte)'c' => (Line(pickle, Line(pickle, start) + start) + Line(pickle, start), ArgumentKind.Text),
                (byte)'I' or (byte)'L' or (byte)'F' => (Line(pickle, start), ArgumentKind.Text),
                _ => (0, ArgumentKind.None),
            };
            ops.Add(new Op(at, code, start, length, kind));
            if (code == (byte)'.') break;
            at = start + length;
        }
        return ops;
    }

    private static int Line(byte[] pickle, int start) => Array.IndexOf(pickle, (byte)'\n', start) - start + 1;
}
