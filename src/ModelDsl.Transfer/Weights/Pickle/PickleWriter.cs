using System.Buffers.Binary;
using System.Text;

namespace ModelDsl.Transfer.Weights.Pickle;

/// <summary>
/// Emits pickle protocol 2 opcodes, the protocol <c>torch.save</c> uses. Only what a state dict needs:
/// globals, strings, ints, booleans, tuples, calls, dict items and persistent ids.
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _out = new();

    public PickleWriter() => _out.Write([0x80, 2]); // PROTO 2

    public void Global(string module, string name) => Op((byte)'c', Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    public void String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        Op((byte)'X', length); // BINUNICODE
        _out.Write(bytes);
    }

    public void Int(long value)
    {
        if (value is >= 0 and <= byte.MaxValue)
        {
            Op((byte)'K', [(byte)value]); // BININT1
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
            Op((byte)'J', bytes); // BININT
        }
        else
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            Op(0x8a, [8]); // LONG1 with 8 bytes, two's complement
            _out.Write(bytes);
        }
    }

    public void Bool(bool value) => Op(value ? (byte)0x88 : (byte)0x89, []);

    public void EmptyTuple() => Op((byte)')', []);

    public void Mark() => Op((byte)'(', []);

    /// <summary>Builds a tuple of everything pushed since the matching <see cref="Mark"/>.</summary>
    public void Tuple() => Op((byte)'t', []);

    /// <summary>Calls the callable below the argument tuple on the stack.</summary>
    public void Reduce() => Op((byte)'R', []);

    /// <summary>Sets the key/value pairs pushed since the matching <see cref="Mark"/> on the dict below it.</summary>
    public void SetItems() => Op((byte)'u', []);

    /// <summary>Sets the dict on top of the stack as the state (attributes) of the object below it.</summary>
    public void Build() => Op((byte)'b', []);

    public void EmptyDict() => Op((byte)'}', []);

    public void PersistentId() => Op((byte)'Q', []); // BINPERSID

    public byte[] Finish()
    {
        Op((byte)'.', []); // STOP
        return _out.ToArray();
    }

    private void Op(byte opcode, ReadOnlySpan<byte> argument)
    {
        _out.WriteByte(opcode);
        _out.Write(argument);
    }
}
