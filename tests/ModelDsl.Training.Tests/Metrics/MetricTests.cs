using ModelDsl.Training.Metrics;

namespace ModelDsl.Training.Tests.Metrics;

public sealed class MetricTests
{
    // Three examples, three classes: argmax 2, 0, 1.
    private static readonly float[] Outputs = [0.1f, 0.2f, 0.7f, 0.5f, 0.3f, 0.2f, 0.3f, 0.4f, 0.3f];

    [Fact]
    public void Sparse_and_categorical_accuracy_agree_on_the_same_labels()
    {
        float[] indices = [2, 1, 1];
        float[] oneHot = [0, 0, 1, 0, 1, 0, 0, 1, 0];
        var sparse = new SparseCategoricalAccuracy();
        var categorical = new CategoricalAccuracy();

        sparse.Update(Outputs, 3, indices, 1);
        categorical.Update(Outputs, 3, oneHot, 3);

        Assert.Equal(2.0 / 3, sparse.Result, 10);
        Assert.Equal(2.0 / 3, categorical.Result, 10);
    }

    [Fact]
    public void Accuracy_picks_its_kind_from_the_shapes_and_accumulates_until_reset()
    {
        var acc = Metric.FromName("accuracy");
        acc.Update(Outputs, 3, [2, 1, 1], 1);
        acc.Update([0.9f, 0.2f], 1, [1, 1], 1); // binary: 0.9 > 0.5 hit, 0.2 miss

        Assert.Equal(3.0 / 5, acc.Result, 10);
        acc.Reset();
        Assert.True(double.IsNaN(acc.Result));
    }

    [Fact]
    public void Binary_accuracy_uses_its_threshold()
    {
        var logits = new BinaryAccuracy(threshold: 0f);
        logits.Update([-1f, 0.3f, 2f, -0.1f], 1, [0, 1, 0, 0], 1);
        Assert.Equal(0.75, logits.Result, 10);
    }

    [Fact]
    public void Top_k_counts_the_target_among_the_k_best()
    {
        var top2 = new TopKCategoricalAccuracy(2);
        // Row 0 ranks 2 > 1 > 0, so class 1 is in the top 2; row 1 ranks 0 > 1 > 2, class 2 is not.
        top2.Update(Outputs[..6], 3, [1, 2], 1);
        Assert.Equal(0.5, top2.Result, 10);
        Assert.Equal("top_2_accuracy", top2.Name);
    }

    [Fact]
    public void Mismatched_example_counts_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CategoricalAccuracy().Update(Outputs, 3, [1, 0], 1));
        Assert.Contains("same number of examples", e.Message);
    }

    [Fact]
    public void Unknown_metric_names_list_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Metric.FromName("f1"));
        Assert.Contains("sparse_categorical_accuracy", e.Message);
    }
}
