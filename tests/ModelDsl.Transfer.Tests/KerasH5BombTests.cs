using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;
using Xunit.Abstractions;

namespace ModelDsl.Transfer.Tests;

/// <summary>HDF5 datasets whose declared extent the file cannot back are refused before PureHDF reads them.</summary>
public class KerasH5BombTests(ITestOutputHelper output)
{
    /// <summary>The model of keras_depthwise_bn.h5; its Dense layer is named 'out', as in keras_huge_dataset.h5.</summary>
    private const string Spec = """
        model DepthwiseBn(input = 3x6x6) {
          dw: depthwiseconv2d(3, multiplier=2) > bn: batchnorm > flatten > out: dense(4)
        }
        """;

    [Fact]
    public void A_never_written_dataset_declaring_four_terabytes_is_refused_naming_it()
    {
        // Made by Fixtures/make_hostile_h5.py: 8 KB on disk, 2**20 x 2**20 float32 declared, no storage allocated.
        var path = WeightsFixtures.PathOf("keras_huge_dataset.h5");
        using var model = TransferModule.FromText(Spec, "DepthwiseBn");

        var error = BombAssert.Refused(output, path, () => KerasWeights.Load(model, path, strict: false));

        Assert.Contains($"dataset '/out/out/kernel:0' declares 1099511627776 elements of 4 bytes, more than the {new FileInfo(path).Length}-byte file can hold", error.Message);
    }

    [Fact]
    public void A_dataset_larger_than_the_total_limit_is_refused_naming_the_limit()
    {
        var path = WeightsFixtures.PathOf("keras_depthwise_bn.h5");
        using var model = TransferModule.FromText(Spec, "DepthwiseBn");

        var error = BombAssert.Refused(output, path, () => KerasWeights.Load(model, path, limits: ReadLimits.Default with { MaxTotalTensorBytes = 100 }));

        Assert.Contains("hold", error.Message);
        Assert.Contains("more than the 100 a file may (raise ReadLimits.MaxTotalTensorBytes if the file is genuine)", error.Message);
    }
}
