using System.IO.Compression;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks;

/// <summary>Reads an MNIST-layout IDX file (raw or .gz) straight into a tensor, as a hand-written baseline would.</summary>
public static class IdxTensors
{
    /// <summary>Images [N, 1, H, W] scaled to [0, 1].</summary>
    public static Tensor Images(string path)
    {
        var (dims, bytes) = Read(path);
        using var raw = tensor(bytes, new long[] { dims[0], 1, dims[1], dims[2] }, ScalarType.Byte);
        return raw.to_type(ScalarType.Float32).div_(255);
    }

    /// <summary>Labels [N] as int64 class indices.</summary>
    public static Tensor Labels(string path)
    {
        var (dims, bytes) = Read(path);
        using var raw = tensor(bytes, new long[] { dims[0] }, ScalarType.Byte);
        return raw.to_type(ScalarType.Int64);
    }

    private static (int[] Dims, byte[] Data) Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var data = memory.ToArray();
        var rank = data[3];
        var dims = new int[rank];
        for (var i = 0; i < rank; i++) dims[i] = data[4 + 4 * i] << 24 | data[5 + 4 * i] << 16 | data[6 + 4 * i] << 8 | data[7 + 4 * i];
        return (dims, data[(4 + 4 * rank)..]);
    }
}
