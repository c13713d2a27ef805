using System.IO.Compression;
using System.Text;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>
/// Builds pickle bytes opcode by opcode, so tests can use encodings torch.save may emit but our writer
/// does not (LONG1 for small ints, protocol-0 FLOAT text), and pack them with storages into a .pth zip.
/// </summary>
internal sealed class HandPickle
{
    private readonly List<byte> _bytes = [0x80, 2]; // PROTO 2

    public HandPickle Op(char opcode) => Raw((byte)opcode);

    public HandPickle Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>A protocol-0 opcode whose argument is a line of text (FLOAT 'F', INT 'I', GLOBAL 'c').</summary>
    public HandPickle Line(char opcode, string text) => Raw([(byte)opcode, .. Encoding.ASCII.GetBytes(text + "\n")]);

    public HandPickle Global(string module, string name) => Line('c', $"{module}\n{name}");

    public HandPickle Str(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        return Raw([(byte)'X', .. BitConverter.GetBytes(utf8.Length), .. utf8]); // BINUNICODE
    }

    /// <summary>LONG1: a length byte, then that many bytes of little-endian two's complement.</summary>
    public HandPickle Long1(params byte[] littleEndian) => Raw([0x8a, (byte)littleEndian.Length, .. littleEndian]);

    public HandPickle OrderedDict() => Global("collections", "OrderedDict").Op(')').Op('R');

    /// <summary>BININT: a signed 32-bit int.</summary>
    public HandPickle Int(int value) => Raw([(byte)'J', .. BitConverter.GetBytes(value)]);

    /// <summary>LONG_BINPUT: stores the top of the stack in memo slot <paramref name="index"/>.</summary>
    public HandPickle Put(int index) => Raw([(byte)'r', .. BitConverter.GetBytes(index)]);

    /// <summary>LONG_BINGET: pushes memo slot <paramref name="index"/>.</summary>
    public HandPickle Get(int index) => Raw([(byte)'j', .. BitConverter.GetBytes(index)]);

    /// <summary>A float tensor of <paramref name="size"/> over storage <paramref name="key"/> of <paramref name="numel"/> elements.</summary>
    public HandPickle FloatTensor(string key, int numel, int[] size, int[] stride, int offset = 0) => FloatTensor(key,
        p => p.Int(numel), p => p.Int(offset), p => Array.ForEach(size, d => p.Int(d)), p => Array.ForEach(stride, d => p.Int(d)));

    public int Length => _bytes.Count;

    /// <summary>
    /// <c>_rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())</c> over float storage <paramref name="key"/>;
    /// each of the three int writers pushes its values (the caller picks their encoding).
    /// </summary>
    public HandPickle FloatTensor(string key, Action<HandPickle> numel, Action<HandPickle> offset, Action<HandPickle> size, Action<HandPickle> stride)
    {
        Global("torch._utils", "_rebuild_tensor_v2").Op('(');
        Op('(').Str("storage").Global("torch", "FloatStorage").Str(key).Str("cpu");
        numel(this);
        Op('t').Op('Q');
        offset(this);
        Op('(');
        size(this);
        Op('t').Op('(');
        stride(this);
        Op('t').Raw(0x89);
        return OrderedDict().Op('t').Op('R');
    }

    public byte[] Finish() => [.. _bytes, (byte)'.'];

    /// <summary>A torch.save-style zip: <c>archive/data.pkl</c> plus one stored record per storage key.</summary>
    public static MemoryStream Pth(byte[] pickle, params (string Key, byte[] Bytes)[] storages) =>
        Pth(pickle, CompressionLevel.NoCompression, storages);

    /// <summary>The same with the storages compressed at <paramref name="storageLevel"/> (torch.save never compresses).</summary>
    public static MemoryStream Pth(byte[] pickle, CompressionLevel storageLevel, params (string Key, byte[] Bytes)[] storages)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "archive/data.pkl", pickle, CompressionLevel.NoCompression);
            foreach (var (key, bytes) in storages) Add(zip, $"archive/data/{key}", bytes, storageLevel);
        }
        memory.Position = 0;
        return memory;
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(bytes);
    }
}
