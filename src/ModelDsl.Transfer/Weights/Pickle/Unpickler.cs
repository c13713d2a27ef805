using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace ModelDsl.Transfer.Weights.Pickle;

/// <summary>
/// Reads the subset of Python's pickle format (protocols 2 to 5) that <c>torch.save</c> writes. It builds
/// plain values (str, int, float, bool, None, bytes, tuple as <c>object?[]</c>, list, <see cref="PickleDict"/>)
/// and resolves globals only through the caller's whitelist, so no code named by the file ever runs.
/// What it builds is bounded by <see cref="ReadLimits"/>: values created or placed in containers, memo
/// entries and stack depth, so a small pickle cannot expand into gigabytes of objects.
/// </summary>
internal sealed class Unpickler
{
    private readonly byte[] _data;
    private readonly Func<string, string, PickleGlobal?> _resolveGlobal;
    private readonly Func<object?, object?> _persistentLoad;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private readonly ReadLimits _limits;
    private long _objects;
    private int _pos;

    /// <param name="data">The pickle bytes.</param>
    /// <param name="resolveGlobal">Returns the whitelisted global, or null to refuse it.</param>
    /// <param name="persistentLoad">Turns a persistent id (BINPERSID) into a value, e.g. a tensor storage.</param>
    /// <param name="limits">How much the pickle may build.</param>
    public Unpickler(byte[] data, Func<string, string, PickleGlobal?> resolveGlobal, Func<object?, object?> persistentLoad, ReadLimits limits)
    {
        _data = data;
        _resolveGlobal = resolveGlobal;
        _persistentLoad = persistentLoad;
        _limits = limits;
    }

    public object? Load()
    {
        while (true)
        {
            var at = _pos;
            var op = ReadByte();
            try
            {
                if (Step(op)) break;
            }
            catch (PickleException)
            {
                throw;
            }
            // Whatever else a malformed pickle provokes in building values (casts, overflows, bad arguments to
            // a whitelisted global) is the file's fault, reported with where it happened.
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new PickleException($"malformed pickle at byte {at} (opcode 0x{op:x2}): {e.Message}");
            }
        }
        if (_stack.Count != 1) throw new PickleException($"pickle ended with {_stack.Count} values on the stack instead of one");
        return _stack[0];
    }

    /// <summary>Executes one opcode; true at STOP.</summary>
    private bool Step(byte op)
    {
        switch (op)
        {
            case 0x80: // PROTO
                var protocol = ReadByte();
                if (protocol > 5) throw new PickleException($"pickle protocol {protocol} is newer than the 5 supported");
                break;
            case 0x95: // FRAME: a length prefix only; the frame's bytes follow inline.
                ReadBytes(8);
                break;
            case (byte)'.': // STOP
                return true;

            case (byte)'}': Push(new PickleDict()); break; // EMPTY_DICT
            case (byte)']': Push(new List<object?>()); break; // EMPTY_LIST
            case (byte)')': Push(Array.Empty<object?>()); break; // EMPTY_TUPLE
            case 0x8f: Push(new List<object?>()); break; // EMPTY_SET, kept as a list
            case (byte)'(': _marks.Push(_stack.Count); CheckDepth(); break; // MARK
            case (byte)'0': Pop(); break; // POP
            case (byte)'1': PopMark(); break; // POP_MARK
            case (byte)'2': Push(Peek()); break; // DUP

            case (byte)'N': Push(null); break; // NONE
            case 0x88: Push(true); break; // NEWTRUE
            case 0x89: Push(false); break; // NEWFALSE
            case (byte)'K': Push((long)ReadByte()); break; // BININT1
            case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break; // BININT2
            case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break; // BININT
            case 0x8a: Push(ReadLong(ReadByte())); break; // LONG1
            case 0x8b: Push(ReadLong(ReadLength(4))); break; // LONG4
            case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break; // BINFLOAT
            case (byte)'I': Push(ParseTextInt(ReadLine())); break; // INT (protocol 0)
            case (byte)'L': Push(ParseTextInt(ReadLine().TrimEnd('L'))); break; // LONG (protocol 0)
            case (byte)'F': Push(ParseTextFloat(ReadLine())); break; // FLOAT (protocol 0)

            case (byte)'X': Push(ReadUtf8(ReadLength(4))); break; // BINUNICODE
            case 0x8c: Push(ReadUtf8(ReadByte())); break; // SHORT_BINUNICODE
            case 0x8d: Push(ReadUtf8(ReadLength(8))); break; // BINUNICODE8
            case (byte)'T': Push(Encoding.Latin1.GetString(ReadBytes(ReadLength(4)))); break; // BINSTRING
            case (byte)'U': Push(Encoding.Latin1.GetString(ReadBytes(ReadByte()))); break; // SHORT_BINSTRING
            case (byte)'B': Push(ReadBytes(ReadLength(4)).ToArray()); break; // BINBYTES
            case (byte)'C': Push(ReadBytes(ReadByte()).ToArray()); break; // SHORT_BINBYTES
            case 0x8e: Push(ReadBytes(ReadLength(8)).ToArray()); break; // BINBYTES8
            case 0x96: Push(ReadBytes(ReadLength(8)).ToArray()); break; // BYTEARRAY8

            case (byte)'t': Push(Counted(PopMark()).ToArray()); break; // TUPLE
            case 0x85: Push(new[] { Pop() }); break; // TUPLE1
            case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; } // TUPLE2
            case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; } // TUPLE3
            case (byte)'l': Push(Counted(PopMark())); break; // LIST
            case (byte)'d': Push(ToDict(Counted(PopMark()))); break; // DICT
            case 0x91: Push(Counted(PopMark())); break; // FROZENSET, kept as a list
            case (byte)'a': { var v = Pop(); Count(1); AsList(Peek()).Add(v); break; } // APPEND
            case (byte)'e': { var items = Counted(PopMark()); AsList(Peek()).AddRange(items); break; } // APPENDS
            case 0x90: { var items = Counted(PopMark()); AsList(Peek()).AddRange(items); break; } // ADDITEMS
            case (byte)'s': { var v = Pop(); var k = Pop(); Count(1); AsDict(Peek()).Set(k, v); break; } // SETITEM
            case (byte)'u': SetItems(); break; // SETITEMS

            case (byte)'h': Push(MemoGet(ReadByte())); break; // BINGET
            case (byte)'j': Push(MemoGet(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)))); break; // LONG_BINGET
            case (byte)'q': MemoPut(ReadByte()); break; // BINPUT
            case (byte)'r': MemoPut(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))); break; // LONG_BINPUT
            case 0x94: MemoPut(_memo.Count); break; // MEMOIZE

            case (byte)'c': Push(ResolveGlobal(ReadLine(), ReadLine())); break; // GLOBAL
            case 0x93: // STACK_GLOBAL
            {
                var name = Pop() as string ?? throw new PickleException("STACK_GLOBAL expects a str name");
                var module = Pop() as string ?? throw new PickleException("STACK_GLOBAL expects a str module");
                Push(ResolveGlobal(module, name));
                break;
            }
            case (byte)'R': // REDUCE
            {
                var args = Pop() as object?[] ?? throw new PickleException("REDUCE expects an argument tuple");
                Push(Call(AsCallable(Pop(), "REDUCE"), args));
                break;
            }
            case 0x81: // NEWOBJ: cls.__new__(cls, *args); our whitelisted classes build the same way as when called.
            {
                var args = Pop() as object?[] ?? throw new PickleException("NEWOBJ expects an argument tuple");
                Push(Call(AsCallable(Pop(), "NEWOBJ"), args));
                break;
            }
            case (byte)'b': Build(); break; // BUILD
            case (byte)'Q': Push(_persistentLoad(Pop())); break; // BINPERSID

            default:
                throw new PickleException($"unsupported pickle opcode 0x{op:x2} at byte {_pos - 1}");
        }
        return false;
    }

    private PickleGlobal ResolveGlobal(string module, string name) =>
        _resolveGlobal(module, name)
        ?? throw new PickleException($"unsupported global '{module}.{name}': only PyTorch tensors, storages and dicts are read, and nothing named in the file is executed"
            // A class name usually means a whole pickled model (torch.save(model)) rather than its weights.
            + (name.Length > 0 && char.IsUpper(name[0]) ? "; if the file holds a whole model, save model.state_dict() instead" : ""));

    private static PickleGlobal AsCallable(object? value, string opcode) =>
        value as PickleGlobal ?? throw new PickleException($"{opcode} on a {PickleValues.Describe(value)}, which is not callable");

    private void Build()
    {
        var state = Pop();
        var target = Peek();
        // OrderedDict state is its __dict__, e.g. {'_metadata': ...} on a state dict.
        if (target is PickleDict dict && state is PickleDict attributes)
        {
            dict.Attributes = attributes;
            return;
        }
        // Tensors rebuilt by _rebuild_tensor_v2 need no state; anything else with state is refused.
        if (state is null) return;
        throw new PickleException($"cannot set state of type {PickleValues.Describe(state)} on a {PickleValues.Describe(target)}");
    }

    private void SetItems()
    {
        var items = Counted(PopMark());
        if (items.Count % 2 != 0) throw new PickleException("SETITEMS with an odd number of values");
        var dict = AsDict(Peek());
        for (var i = 0; i < items.Count; i += 2) dict.Set(items[i], items[i + 1]);
    }

    private static PickleDict ToDict(List<object?> items)
    {
        var dict = new PickleDict();
        for (var i = 0; i + 1 < items.Count; i += 2) dict.Set(items[i], items[i + 1]);
        return dict;
    }

    private static List<object?> AsList(object? value) =>
        value as List<object?> ?? throw new PickleException($"cannot append to a {PickleValues.Describe(value)}");

    private static PickleDict AsDict(object? value) =>
        value as PickleDict ?? throw new PickleException($"cannot set items on a {PickleValues.Describe(value)}");

    private object? MemoGet(long index) =>
        _memo.TryGetValue(index, out var value) ? value : throw new PickleException($"memo entry {index} used before it was stored");

    private void Push(object? value)
    {
        Count(1);
        _stack.Add(value);
        CheckDepth();
    }

    /// <summary>
    /// Counts values created or placed in a container. References are cheap one at a time, but a pickle can
    /// place the same memoized container into others again and again, so every placement counts.
    /// </summary>
    private void Count(long placed)
    {
        _objects += placed;
        if (_objects > _limits.MaxPickleObjects)
        {
            throw new PickleException(
                $"the pickle builds more than {_limits.MaxPickleObjects} objects by byte {_pos} (a state dict needs far fewer; a crafted file can expand without end){ReadLimits.Hint(nameof(ReadLimits.MaxPickleObjects))}");
        }
    }

    private List<object?> Counted(List<object?> items)
    {
        Count(items.Count);
        return items;
    }

    /// <summary>
    /// Calls a whitelisted global. One that is given a list may build from each item (OrderedDict(pairs) makes
    /// a dict entry, a key and a value, per pair), and a memoized list can be given again and again: that is
    /// counted before the call, so the objects are refused before they are made.
    /// </summary>
    private object? Call(PickleGlobal callable, object?[] args)
    {
        foreach (var arg in args)
        {
            if (arg is List<object?> list) Count(2L * list.Count);
        }
        return callable.Call(args);
    }

    private void CheckDepth()
    {
        if (_stack.Count + _marks.Count > _limits.MaxPickleStackDepth)
        {
            throw new PickleException(
                $"the pickle nests {_stack.Count} values and {_marks.Count} marks deep by byte {_pos}, more than {_limits.MaxPickleStackDepth}{ReadLimits.Hint(nameof(ReadLimits.MaxPickleStackDepth))}");
        }
    }

    private void MemoPut(long index)
    {
        var value = Peek();
        if (!_memo.ContainsKey(index) && _memo.Count >= _limits.MaxPickleMemoEntries)
        {
            throw new PickleException(
                $"the pickle memoizes more than {_limits.MaxPickleMemoEntries} values by byte {_pos}{ReadLimits.Hint(nameof(ReadLimits.MaxPickleMemoEntries))}");
        }
        _memo[index] = value;
    }

    private object? Peek() =>
        _stack.Count > (_marks.Count > 0 ? _marks.Peek() : 0) ? _stack[^1] : throw new PickleException("stack underflow");

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0) throw new PickleException("MARK expected but none is open");
        var mark = _marks.Pop();
        var items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte ReadByte()
    {
        if (_pos >= _data.Length) throw new PickleException("pickle is truncated (no STOP opcode)");
        return _data[_pos++];
    }

    private ReadOnlySpan<byte> ReadBytes(long count)
    {
        if (count < 0 || count > _data.Length - _pos) throw new PickleException($"pickle is truncated: {count} bytes wanted at byte {_pos}");
        var span = _data.AsSpan(_pos, (int)count);
        _pos += (int)count;
        return span;
    }

    private long ReadLength(int width)
    {
        var bytes = ReadBytes(width);
        return width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    private string ReadUtf8(long length) => Encoding.UTF8.GetString(ReadBytes(length));

    private string ReadLine()
    {
        var end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0) throw new PickleException("pickle is truncated: newline expected");
        var line = Encoding.ASCII.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return line;
    }

    // Python itself refuses to convert ints of more than 4,300 decimal digits to or from text, because the
    // conversion is quadratic; a tensor file needs 64-bit ints, and the metadata that may hold others, less.
    private const int MaxIntDigits = 4300;
    private const int MaxIntBytes = 1786; // 4300 decimal digits

    // LONG1/LONG4: little-endian two's complement in exactly n bytes (zero bytes encode 0).
    private object ReadLong(long length) => length <= MaxIntBytes
        ? Narrow(new BigInteger(ReadBytes(length), isUnsigned: false, isBigEndian: false))
        : throw new PickleException($"an int of {length} bytes, more than the {MaxIntBytes} (4300 digits) read");

    // The cast to object matters: "? (long)value : value" would type the whole expression as BigInteger,
    // and every int would then fail the tuple-of-int64 checks of the storage views.
    private static object Narrow(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;

    private static object ParseTextInt(string text) => text switch
    {
        "00" => false, // protocol 0 spells booleans as INT 00 / 01
        "01" => true,
        { Length: > MaxIntDigits + 1 } => throw new PickleException($"INT/LONG opcode with {text.Length} characters, more than the {MaxIntDigits} digits read"),
        _ => BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? Narrow(value)
            : throw new PickleException($"INT/LONG opcode with non-integer text '{Shorten(text)}'"),
    };

    // Python writes FLOAT as repr(x): digits, or inf / -inf / nan, which .NET does not parse by those names.
    private static double ParseTextFloat(string text) => text.Trim() switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" or "-nan" => double.NaN,
        var t when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new PickleException($"FLOAT opcode with non-numeric text '{Shorten(text)}'"),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
