using System.Globalization;

namespace ModelDsl.Transfer;

/// <summary>The seeds' heads in the DSL, for <see cref="TransferModel.WithHead"/>.</summary>
public static class Heads
{
    /// <summary>The VGG16 fine-tuning seed's binary head: Flatten, Dense(256, relu), Dropout(0.5), Dense(1, sigmoid).</summary>
    public const string FlattenDenseSigmoid = "flatten > dense(256, relu) > dropout(0.5) > dense(1, sigmoid)";

    /// <summary>The MobileNetV2 seed's head: global average pooling then one Dense layer of <paramref name="classes"/> outputs.</summary>
    /// <param name="classes">Output classes; 1 gives a single sigmoid unit (binary), more a softmax.</param>
    public static string GlobalAverageDense(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var activation = classes == 1 ? "sigmoid" : "softmax";
        return "globalavgpool2d > dense(" + classes.ToString(CultureInfo.InvariantCulture) + ", " + activation + ")";
    }

    /// <summary>A small classifier for a flattened feature map: Flatten, Dense(units, relu), Dropout, Dense(classes, softmax).</summary>
    public static string FlattenDenseSoftmax(int units, int classes, double dropout = 0.5) =>
        string.Create(CultureInfo.InvariantCulture, $"flatten > dense({units}, relu) > dropout({dropout}) > dense({classes}, softmax)");
}
