using TorchSharp;

namespace ModelDsl.Runtime;

/// <summary>The input-shape check generated models run first in <c>forward</c>.</summary>
public static class InputGuard
{
    /// <summary>Throws <see cref="ShapeMismatchException"/> unless <paramref name="input"/> is (N, <paramref name="sampleShape"/>...).</summary>
    /// <param name="input">The batch.</param>
    /// <param name="sampleShape">The declared shape without the batch axis.</param>
    /// <param name="model">The model class name, for the message.</param>
    /// <param name="inputName">The input's name, for the message.</param>
    /// <exception cref="ShapeMismatchException">The input is not (N, <paramref name="sampleShape"/>...).</exception>
    public static void Check(torch.Tensor input, IReadOnlyList<long> sampleShape, string model, string inputName)
    {
        ArgumentNullException.ThrowIfNull(input, inputName);
        var actual = input.shape;
        var ok = actual.Length == sampleShape.Count + 1 && actual[0] >= 1;
        for (var i = 0; ok && i < sampleShape.Count; i++) ok = actual[i + 1] == sampleShape[i];
        if (ok) return;
        var expected = new long[sampleShape.Count + 1];
        expected[0] = -1;
        for (var i = 0; i < sampleShape.Count; i++) expected[i + 1] = sampleShape[i];
        throw new ShapeMismatchException(model, inputName, expected, actual);
    }
}
