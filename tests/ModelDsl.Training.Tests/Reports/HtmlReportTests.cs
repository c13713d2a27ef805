using System.Text.RegularExpressions;
using ModelDsl.Training.Reports;

namespace ModelDsl.Training.Tests.Reports;

public sealed class HtmlReportTests
{
    private static HtmlReport SampleReport()
    {
        var history = new History();
        double[] loss = [0.9, 0.6, 0.45], acc = [0.7, 0.8, 0.85], valLoss = [0.8, 0.62, 0.5], valAcc = [0.72, 0.79, 0.83];
        for (var e = 0; e < 3; e++)
        {
            history.Add(e, new Logs { ["loss"] = loss[e], ["accuracy"] = acc[e], ["val_loss"] = valLoss[e], ["val_accuracy"] = valAcc[e] });
        }
        var confusion = new ConfusionMatrix(["T-shirt/top", "Trouser", "<Bag & co>"]);
        foreach (var (a, p, n) in new[] { (0, 0, 50), (0, 2, 5), (1, 1, 60), (2, 2, 40), (2, 0, 3) })
        {
            for (var i = 0; i < n; i++) confusion.Add(a, p);
        }
        return new HtmlReport
        {
            Title = "Fashion-MNIST </script> run",
            History = history,
            Confusion = confusion,
            FinalMetrics = new Dictionary<string, double> { ["test_accuracy"] = confusion.Accuracy },
        };
    }

    [Fact]
    public void Headless_chromium_draws_the_curves_and_the_confusion_matrix()
    {
        using var dir = new TempDir();
        var path = dir.File("report.html");
        SampleReport().Save(path);

        var dom = Chromium.DumpDom(path);

        // The script marks the body when it has drawn: two curve charts (loss, accuracy) and the matrix.
        Assert.Contains("data-charts-drawn=\"3\"", dom);
        Assert.Contains("data-metric=\"loss\"", dom);
        Assert.Contains("data-metric=\"accuracy\"", dom);
        var paths = Regex.Matches(dom, "<path d=\"(M[^\"]+)\"[^>]*data-series=\"([a-z_]+)\"");
        Assert.Equal(["loss", "val_loss", "accuracy", "val_accuracy"], paths.Select(m => m.Groups[2].Value));
        // Each series has one point per epoch: a move and two line-tos.
        Assert.All(paths, m => Assert.Equal(2, m.Groups[1].Value.Count(c => c == 'L')));
        Assert.Equal(9, Regex.Matches(dom, "class=\"cell\"").Count);
        Assert.Contains("data-count=\"60\"", dom);
        Assert.Contains("Trouser</text>", dom);
        Assert.Contains("&lt;Bag &amp; co&gt;</text>", dom);
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = SampleReport().Render();

        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        // Data that looks like a closing tag cannot end the embedded JSON script early.
        Assert.DoesNotContain("</script> run\"", html);
    }

    [Fact]
    public void Confusion_matrix_counts_and_accuracy()
    {
        var m = new ConfusionMatrix(["a", "b"]);
        m.Add(0, 0);
        m.Add(0, 1);
        m.Add(1, 1);
        m.Add(1, 1);
        Assert.Equal(0.75, m.Accuracy, 10);
        Assert.Equal(2, m[1, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Add(2, 0));
    }
}
