namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>Swaps storages written on a big-endian machine into the little-endian order we keep.</summary>
internal static class ByteOrder
{
    public static void Reverse(byte[] bytes, int elementSize)
    {
        if (elementSize == 1) return;
        for (var i = 0; i < bytes.Length; i += elementSize) Array.Reverse(bytes, i, elementSize);
    }
}
