namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// The CRC-32 zip records for each entry (IEEE 802.3, reflected polynomial 0xEDB88320). Table-driven,
/// eight bytes per step, because System.IO.Hashing is not referenced and storages can be large.
/// </summary>
internal static class Crc32
{
    private static readonly uint[][] Tables = BuildTables();

    /// <summary>The CRC-32 of <paramref name="data"/>, as zip's directory stores it.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        var t = Tables;
        while (data.Length >= 8)
        {
            var low = crc ^ (uint)(data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24);
            crc = t[7][low & 0xFF] ^ t[6][(low >> 8) & 0xFF] ^ t[5][(low >> 16) & 0xFF] ^ t[4][low >> 24]
                  ^ t[3][data[4]] ^ t[2][data[5]] ^ t[1][data[6]] ^ t[0][data[7]];
            data = data[8..];
        }
        foreach (var b in data) crc = t[0][(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        tables[0] = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            tables[0][i] = c;
        }
        // Table k advances a byte's contribution by k further zero bytes, so eight bytes fold in at once.
        for (var k = 1; k < 8; k++)
        {
            tables[k] = new uint[256];
            for (var i = 0; i < 256; i++) tables[k][i] = tables[0][tables[k - 1][i] & 0xFF] ^ (tables[k - 1][i] >> 8);
        }
        return tables;
    }
}
