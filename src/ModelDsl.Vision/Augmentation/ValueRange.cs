namespace ModelDsl.Vision;

/// <summary>A closed interval a random factor is drawn from, uniformly.</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound, at least <paramref name="Min"/>.</param>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>[1 - <paramref name="delta"/>, 1 + <paramref name="delta"/>], as Keras reads a single zoom range.</summary>
    public static ValueRange AroundOne(double delta) => new(1 - delta, 1 + delta);

    internal double Sample(Random random) => Min + (Max - Min) * random.NextDouble();

    internal void Validate(string what)
    {
        if (!double.IsFinite(Min) || !double.IsFinite(Max) || Min > Max)
        {
            throw new ArgumentOutOfRangeException(what, $"{what} must be a finite range with Min <= Max, got [{Min}, {Max}].");
        }
    }
}
