using ModelDsl.Runtime.Inference;
using ModelDsl.Runtime.Spec;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Inference;

/// <summary>
/// The inference plan (BatchNorm folded, activations merged and in place, channels-last, pooling without indices)
/// gives the model's eval-mode outputs within 1e-5 relative, for every combination of its options.
/// </summary>
public class InferencePlanTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<bool, bool, bool> Options() => new()
    {
        { true, true, true },
        { true, false, true },
        { false, true, false },
        { false, false, false },
    };

    private static InferenceOptions With(bool fold, bool channelsLast, bool fused) =>
        new() { FoldBatchNorm = fold, ChannelsLast = channelsLast, FusedKernels = fused };

    [Theory]
    [MemberData(nameof(Options))]
    public void Seed_convnet_matches_its_eval_outputs(bool fold, bool channelsLast, bool fused)
    {
        manual_seed(3);
        using var model = SpecModule.FromZoo("MnistConvNet");
        using var x = rand(5, 1, 28, 28);
        PlanAssert.MatchesModel(model, x, With(fold, channelsLast, fused), Tolerance, "MnistConvNet");
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void ResNet_style_bottleneck_blocks_with_batchnorm_match(bool fold, bool channelsLast, bool fused)
    {
        const string spec = """
            block Bottleneck(width, stride = 1, project = false) {
              fork add {
                conv1: conv2d(width, 1, bias=false) > bn1: batchnorm > relu
                conv2: conv2d(width, 3, stride=stride, padding=1, bias=false) > bn2: batchnorm > relu
                conv3: conv2d(width * 4, 1, bias=false) > bn3: batchnorm
              } {
                if project { downsample: { conv2d(width * 4, 1, stride=stride, bias=false) > batchnorm } }
              }
              relu
            }
            model Res(input = 3x32x32) {
              conv1: conv2d(16, 7, stride=2, padding=3, bias=false) > bn1: batchnorm > relu
              maxpool: maxpool2d(3, stride=2, padding=1)
              layer1: { Bottleneck(8, 1, true) > Bottleneck(8) }
              layer2: { Bottleneck(16, 2, true) }
              avgpool: globalavgpool2d
              fc: dense(10)
              softmax
            }
            """;
        manual_seed(4);
        using var model = SpecModule.FromText(spec, "Res");
        PlanAssert.RandomiseBatchNorm(model, 5);
        using var x = randn(3, 3, 32, 32);
        PlanAssert.MatchesModel(model, x, With(fold, channelsLast, fused), Tolerance, "ResNet-style");
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void MobileNetV2_style_inverted_residuals_match(bool fold, bool channelsLast, bool fused)
    {
        const string spec = """
            block ConvBNReLU(filters, kernel = 3, stride = 1, groups = 1) {
              conv2d(filters, kernel, stride=stride, padding=(kernel - 1) / 2, groups=groups, bias=false) > batchnorm > relu6
            }
            block InvertedResidual(inp, out, stride, t) {
              residual if stride == 1 and inp == out {
                conv: {
                  if t != 1 { ConvBNReLU(inp * t, 1) }
                  ConvBNReLU(inp * t, 3, stride, inp * t)
                  conv2d(out, 1, bias=false) > batchnorm
                }
              }
            }
            model Mobile(input = 3x24x24) {
              features: {
                ConvBNReLU(8, 3, 2) > InvertedResidual(8, 8, 1, 1)
                InvertedResidual(8, 12, 2, 6) > InvertedResidual(12, 12, 1, 6)
                ConvBNReLU(32, 1)
              }
              globalavgpool2d
              classifier: { dropout(0.2) > dense(7) }
              softmax
            }
            """;
        manual_seed(6);
        using var model = SpecModule.FromText(spec, "Mobile");
        PlanAssert.RandomiseBatchNorm(model, 7);
        using var x = randn(2, 3, 24, 24);
        PlanAssert.MatchesModel(model, x, With(fold, channelsLast, fused), Tolerance, "MobileNetV2-style");
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Keras_style_layers_with_same_padding_unfoldable_batchnorm_and_dense_batchnorm_match(bool fold, bool channelsLast, bool fused)
    {
        // BatchNorm after a fused ReLU and after an add cannot fold (a channel affine step); a dense layer's BatchNorm1d
        // folds; stride-2 'same' conv and pool pad asymmetrically; concatenation and a squeeze-excitation multiply.
        const string spec = """
            model Keras(input = 3x15x15) {
              c1: conv2d(8, 3, relu, stride=2, padding=same) > b1: batchnorm(eps=0.001, momentum=0.99)
              fork concat { a: conv2d(4, 1) } { m: maxpool2d(2, stride=2, padding=same) > up: zeropad2d((0, 4, 0, 4)) > c2: conv2d(4, 5, padding=same) }
              fork mul { } { avgpool: adaptiveavgpool2d(1) > g: conv2d(8, 1, sigmoid) }
              residual { d: depthwiseconv2d(3, padding=same) > bd: batchnorm }
              b2: batchnorm > relu
              flatten > h: dense(16) > bh: batchnorm > relu > dropout(0.3) > out: dense(5, softmax)
            }
            """;
        manual_seed(8);
        using var model = SpecModule.FromText(spec, "Keras");
        PlanAssert.RandomiseBatchNorm(model, 9);
        using var x = randn(4, 3, 15, 15);
        PlanAssert.MatchesModel(model, x, With(fold, channelsLast, fused), Tolerance, "Keras-style");
    }

    [Fact]
    public void Folding_and_merging_reduce_the_step_count()
    {
        using var model = SpecModule.FromZoo("MobileNetV2", args: new Dictionary<string, object> { ["input"] = "3x64x64" });
        using var folded = InferencePlanBuilder.Build(model);
        using var plain = InferencePlanBuilder.Build(model, new InferenceOptions { FoldBatchNorm = false });
        // 52 convolutions: conv + BN (+ ReLU6) is one step folded, at least two without folding.
        Assert.True(folded.StepCount + 52 <= plain.StepCount, $"{folded.StepCount} folded steps vs {plain.StepCount} unfolded");
        Assert.True(folded.StepCount < model.Layers.Count / 2, $"{folded.StepCount} steps for {model.Layers.Count} layers");
    }

    [Fact]
    public void A_plan_is_a_snapshot_independent_of_dispose_scopes_and_later_weight_changes()
    {
        manual_seed(10);
        using var model = SpecModule.FromZoo("MnistConvNet");
        model.eval();
        using var x = rand(2, 1, 28, 28);
        InferencePlan plan;
        Tensor before;
        using (NewDisposeScope())
        {
            plan = InferencePlanBuilder.Build(model);
            before = plan.Forward(x).MoveToOuterDisposeScope();
        }
        using (plan)
        using (before)
        {
            using (no_grad())
            {
                foreach (var p in model.parameters()) p.mul_(0.5);
            }
            using var again = plan.Forward(x);
            PlanAssert.RelativelyClose(before, again, 0, "the plan after the model's weights changed");
        }
        Assert.Throws<ObjectDisposedException>(() => plan.Forward(x));
    }

    [Fact]
    public void A_wrong_input_shape_is_a_shape_mismatch()
    {
        using var model = SpecModule.FromZoo("MnistConvNet");
        using var plan = InferencePlanBuilder.Build(model);
        using var x = rand(2, 1, 27, 28);
        var e = Assert.Throws<ShapeMismatchException>(() => plan.Forward(x));
        Assert.Equal("MnistConvNet", e.Model);
    }

    [Fact]
    public void Outputs_with_and_without_fused_kernels_agree()
    {
        manual_seed(12);
        using var model = SpecModule.FromZoo("MnistConvNet");
        using var x = rand(9, 1, 28, 28);
        using var fused = InferencePlanBuilder.Build(model);
        using var plain = InferencePlanBuilder.Build(model, new InferenceOptions { FusedKernels = false });
        using var scope = NewDisposeScope();
        PlanAssert.RelativelyClose(plain.Forward(x), fused.Forward(x), Tolerance, "fused kernels vs libtorch operators");
    }
}
