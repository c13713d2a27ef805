using ModelDsl.Torch.Nn;

namespace ModelDsl.Torch.Tests;

/// <summary>
/// BatchNorm2d against PyTorch 1.13 (fixtures/Nn/batchnorm.json: eps 1e-3, momentum 0.01 = Keras's 0.99)
/// over three training steps and one eval step, and its input gradient against the closed form of the
/// seed's <c>batchnorm_backward_alt</c>. Tolerance 1e-4 absolute + 1e-4 relative.
/// </summary>
public class BatchNormTests
{
    private const double Atol = 1e-4;
    private readonly NnFixture fx = NnFixture.Load("batchnorm");

    private BatchNorm2d LoadedLayer()
    {
        var bn = new BatchNorm2d(3, eps: 1e-3, momentum: 0.01);
        using var scope = DisposeScope.Begin();
        var result = bn.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = fx.Tensor("weight"), ["bias"] = fx.Tensor("bias") }, strict: false);
        Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], result.MissingKeys);
        return bn;
    }

    [Fact]
    public void TrainingStepsAndRunningStatisticsMatchPyTorch()
    {
        using var bn = LoadedLayer();
        using var scope = DisposeScope.Begin();
        for (var step = 0; step < 3; step++)
        {
            fx.AssertClose($"train{step}", bn.Forward(fx.Tensor($"x{step}")), Atol, 1e-4);
        }
        fx.AssertClose("running_mean", bn.RunningMean, Atol, 1e-4);
        fx.AssertClose("running_var", bn.RunningVar, Atol, 1e-4);
        fx.AssertClose("num_batches_tracked", bn.NumBatchesTracked, 0, 0);
        bn.Eval();
        fx.AssertClose("eval", bn.Forward(fx.Tensor("x_eval")), Atol, 1e-4);
    }

    [Fact]
    public void GradientsOfInputAndAffineParametersMatchPyTorch()
    {
        using var bn = LoadedLayer();
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x2", requiresGrad: true);
        bn.Forward(x).Backward(fx.Tensor("train2.upstream"));
        fx.AssertClose("train2.grad.x", x.Grad, Atol, 1e-4);
        fx.AssertClose("train2.grad.weight", bn.Weight!.Grad, 1e-3, 1e-4);
        fx.AssertClose("train2.grad.bias", bn.Bias!.Grad, 1e-3, 1e-4);
    }

    [Fact]
    public void InputGradientEqualsTheClosedFormOfBatchnormBackwardAlt()
    {
        using var bn = LoadedLayer();
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x2", requiresGrad: true);
        bn.Forward(x).Backward(fx.Tensor("train2.upstream"));
        var expected = BatchnormBackwardAlt(fx.Floats("x2"), fx.Floats("train2.upstream"), fx.Floats("weight"), fx.Shape("x2"), 1e-3);
        var actual = x.Grad!.ToArray<float>();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 + 1e-4 * Math.Abs(expected[i]), $"dx[{i}]: libtorch {actual[i]}, closed form {expected[i]}");
        }
    }

    /// <summary>
    /// The seed's closed form, per channel over the N·H·W values of that channel (biased variance):
    /// dx = 1/M / std · (M·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)), with dx̂ = dout·γ and std = √(var + eps).
    /// </summary>
    private static double[] BatchnormBackwardAlt(float[] x, float[] dout, float[] gamma, long[] shape, double eps)
    {
        var (n, c, hw) = ((int)shape[0], (int)shape[1], (int)(shape[2] * shape[3]));
        var m = n * hw;
        var dx = new double[x.Length];
        int Index(int b, int ch, int k) => (b * c + ch) * hw + k;
        for (var ch = 0; ch < c; ch++)
        {
            double mean = 0, var = 0;
            for (var b = 0; b < n; b++) for (var k = 0; k < hw; k++) mean += x[Index(b, ch, k)];
            mean /= m;
            for (var b = 0; b < n; b++) for (var k = 0; k < hw; k++) var += Math.Pow(x[Index(b, ch, k)] - mean, 2);
            var std = Math.Sqrt(var / m + eps);
            double sumDxNorm = 0, sumDxNormXNorm = 0;
            for (var b = 0; b < n; b++)
            {
                for (var k = 0; k < hw; k++)
                {
                    var i = Index(b, ch, k);
                    var dxNorm = dout[i] * gamma[ch];
                    sumDxNorm += dxNorm;
                    sumDxNormXNorm += dxNorm * (x[i] - mean) / std;
                }
            }
            for (var b = 0; b < n; b++)
            {
                for (var k = 0; k < hw; k++)
                {
                    var i = Index(b, ch, k);
                    var xNorm = (x[i] - mean) / std;
                    dx[i] = 1.0 / m / std * (m * dout[i] * gamma[ch] - sumDxNorm - xNorm * sumDxNormXNorm);
                }
            }
        }
        return dx;
    }

    [Fact]
    public void FrozenBatchNormRunsInInferenceModeWhileTheModelTrains()
    {
        using var bn = LoadedLayer();
        bn.Trainable = false;
        Assert.True(bn.IsTraining);
        Assert.False(bn.Weight!.RequiresGrad);
        using var scope = DisposeScope.Begin();
        var before = bn.RunningMean!.ToArray<float>();
        var y = bn.Forward(fx.Tensor("x0"));
        Assert.Equal(before, bn.RunningMean.ToArray<float>());
        Assert.Equal(0, bn.NumBatchesTracked!.Item<long>());
        // Inference with fresh running statistics (mean 0, var 1) is just gamma·x/√(1+eps) + beta.
        var x = fx.Floats("x0");
        var gamma = fx.Floats("weight");
        var beta = fx.Floats("bias");
        var got = y.ToArray<float>();
        for (var i = 0; i < x.Length; i++)
        {
            var ch = i / 25 % 3;
            Assert.Equal(gamma[ch] * x[i] / Math.Sqrt(1 + 1e-3) + beta[ch], got[i], 1e-4);
        }
    }

    [Fact]
    public void StateDictHasPyTorchBufferNames()
    {
        using var bn = new BatchNorm2d(3);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.StateDict().Keys);
        Assert.Equal(DType.Int64, bn.NumBatchesTracked!.DType);
        Assert.Equal(2, bn.Parameters().Count());
    }

    [Fact]
    public void BatchNorm1dNormalisesFeatures()
    {
        using var bn = new BatchNorm1d(4);
        using var scope = DisposeScope.Begin();
        var y = bn.Forward(Tensor.FromArray([1f, 2, 3, 4, 3, 4, 5, 6], 2, 4)).ToArray<float>();
        // Two samples per feature: normalised values are ±1 (up to eps) whatever the feature.
        for (var i = 0; i < 4; i++) Assert.Equal(-1, y[i], 1e-3);
        for (var i = 4; i < 8; i++) Assert.Equal(1, y[i], 1e-3);
    }
}
