using System.Globalization;

namespace ModelDsl.Runtime;

/// <summary>
/// Thrown by a generated model's <c>forward</c> when the runtime input does not have the shape the model
/// was declared with (compile-time shapes are only as good as the data that arrives).
/// </summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the model, the input, and both shapes.</summary>
    /// <param name="model">The model class name.</param>
    /// <param name="input">Which input (parameter name).</param>
    /// <param name="expected">The expected shape; -1 marks the free batch axis.</param>
    /// <param name="actual">The shape that arrived.</param>
    public ShapeMismatchException(string model, string input, IReadOnlyList<long> expected, IReadOnlyList<long> actual)
        : base($"{model}.forward: input '{input}' must have shape {Format(expected)} but got {Format(actual)}.", input)
    {
        Model = model;
        Input = input;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The model class name.</summary>
    public string Model { get; }

    /// <summary>Which input was wrong.</summary>
    public string Input { get; }

    /// <summary>The expected shape; -1 marks the free batch axis.</summary>
    public IReadOnlyList<long> Expected { get; }

    /// <summary>The shape that arrived.</summary>
    public IReadOnlyList<long> Actual { get; }

    private static string Format(IReadOnlyList<long> shape) =>
        "(" + string.Join(", ", shape.Select(d => d < 0 ? "N" : d.ToString(CultureInfo.InvariantCulture))) + ")";
}
