using ModelDsl.Spec.Language;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Tests;

/// <summary>The .mdsl language: naming, blocks, control flow, expressions.</summary>
public class LanguageTests
{
    private static ModelCompilation Model(string source, string name = "M", params (string, ArgValue)[] args)
    {
        var c = SpecDocument.Parse(source, "t.mdsl").Instantiate(name, args.ToDictionary(a => a.Item1, a => a.Item2));
        Assert.True(!c.HasErrors, string.Join(" | ", c.Diagnostics));
        return c;
    }

    private static string[] Paths(ModelCompilation c) => c.Graph!.Nodes.Skip(1).Select(n => n.ModulePath).ToArray();

    [Fact]
    public void ScopesNumberChildrenLikeNnSequential()
    {
        var c = Model("""
            block Unit(f) {
              conv: conv2d(f, 3, padding=same)
              relu
            }
            model M(input = 3x8x8) {
              stem: conv2d(4, 3, padding=same)
              body: {
                Unit(4)
                Unit(4, name=extra)
                pool: { maxpool2d(2) }
              }
              flatten
            }
            """);
        Assert.Equal(new[] { "stem", "body.0.conv", "body.0.1", "body.extra.conv", "body.extra.1", "body.pool.0", "2" }, Paths(c));
        Assert.Equal(new[] { "stem", "body.0.conv", "re_lu", "body.extra.conv", "re_lu_1", "max_pooling2d", "flatten" },
            c.Graph!.Nodes.Skip(1).Select(n => n.DisplayName));
    }

    [Fact]
    public void AutoNamesNeverCollideWithGivenNames()
    {
        var c = Model("model M(input = 4) { dense: dense(4) > dense(4) > dense_1: dense(4) > dense(2) }");
        Assert.Equal(new[] { "dense", "dense_2", "dense_1", "dense_3" }, c.Graph!.Nodes.Skip(1).Select(n => n.DisplayName));
    }

    [Fact]
    public void RepeatAndConditionalsExpandInPlace()
    {
        var source = """
            # comments everywhere
            model M(input = 16, deep = false, n = 2) {   // trailing comment
              repeat n { dense(8) > relu }
              if deep { dense(8) } else if n > 1 { dropout(0.25) } else { dense(3) }
            }
            """;
        var c = Model(source);
        Assert.Equal(new[] { LayerKind.Dense, LayerKind.Activation, LayerKind.Dense, LayerKind.Activation, LayerKind.Dropout },
            c.Graph!.Nodes.Skip(1).Select(n => n.Layer.Kind));
        var deep = Model(source, "M", ("deep", ArgValue.OfBool(true)), ("n", ArgValue.OfInt(0)));
        Assert.Equal(new[] { LayerKind.Dense }, deep.Graph!.Nodes.Skip(1).Select(n => n.Layer.Kind));
    }

    [Fact]
    public void ResidualAddsAnIdentityShortcutOnlyWhenAsked()
    {
        const string source = """
            block B(c, skip) { residual if skip { conv2d(c, 3, padding=same) } }
            model M(input = 4x8x8) { B(4, true) > B(4, false) }
            """;
        var c = Model(source);
        var nodes = c.Graph!.Nodes;
        Assert.Equal(LayerKind.Add, nodes[2].Layer.Kind);
        Assert.Equal(new[] { 1, 0 }, nodes[2].Inputs);
        Assert.Equal(LayerKind.Conv2D, nodes[3].Layer.Kind);
        Assert.Equal(4, nodes.Count);
    }

    [Fact]
    public void ForkBranchesShareTheInputAndMerge()
    {
        var c = Model("""
            model M(input = 3x8x8) {
              fork concat(axis=1) {
                conv2d(2, 1)
              } {
                conv2d(3, 3, padding=same)
              } {
                maxpool2d(3, stride=1, padding=1)
              }
            }
            """);
        var merge = c.Graph!.Nodes[^1];
        Assert.Equal(new[] { 1, 2, 3 }, merge.Inputs);
        Assert.All(c.Graph.Nodes.Skip(1).Take(3), n => Assert.Equal(new[] { 0 }, n.Inputs));
        Assert.Equal(TensorShape.Of(8, 8, 8), c.Inference!.Output!.OutputShape);
        Assert.False(c.Graph.IsSequential);
    }

    [Fact]
    public void ExpressionsAndDefaultsReferringToEarlierParameters()
    {
        var c = Model("""
            block B(f, k = 3, pad = (k - 1) / 2, wide = f * 2 + 1) {
              conv2d(wide, k, padding=pad, stride=(1, 2))
            }
            model M(input = 1x9x9) { B(2, k=5) }
            """);
        var conv = (Conv2DLayer)c.Graph!.Nodes[1].Layer;
        Assert.Equal(5, conv.Filters);
        Assert.Equal(IntPair.Square(5), conv.Kernel);
        Assert.Equal(Padding.Of(Pads.All(2)), conv.Padding);
        Assert.Equal(new IntPair(1, 2), conv.Stride);
        Assert.Equal(TensorShape.Of(5, 9, 5), c.Inference!.Output!.OutputShape);
    }

    [Fact]
    public void ConditionalExpressionsChooseLazily()
    {
        const string source = "model M(input = 1x8x8, keras = false) { conv2d(4, 3, padding=same if keras else 1, stride=2 if keras else 1 if true else 0) }";
        var torch = (Conv2DLayer)Model(source).Graph!.Nodes[1].Layer;
        var keras = (Conv2DLayer)Model(source, "M", ("keras", ArgValue.OfBool(true))).Graph!.Nodes[1].Layer;
        Assert.Equal((PaddingMode.Explicit, 1), (torch.Padding.Mode, torch.Stride.H));
        Assert.Equal((PaddingMode.Same, 2), (keras.Padding.Mode, keras.Stride.H));
        // The branch not taken is never evaluated: its unknown identifier is not reported.
        Model("model M(input = 4, a = true) { dense(4 if a else nowhere) }");
    }

    [Fact]
    public void SeveralModelsPerFileAndSeparators()
    {
        var doc = SpecDocument.Parse("""
            model A(input = 4) { dense(2); relu > dense(1) }
            model B(input = 1x4x4) { flatten dense(3) }
            """, "t.mdsl");
        Assert.Empty(doc.Diagnostics);
        Assert.Equal(new[] { "A", "B" }, doc.ModelNames);
        Assert.Equal(3, doc.Instantiate("A").Graph!.Nodes.Count - 1);
        Assert.Equal(2, doc.Instantiate("B").Graph!.Nodes.Count - 1);
    }

    [Fact]
    public void ArgumentsMayBePositionalOrNamed()
    {
        var a = Model("model M(input = 1x8x8) { conv2d(4, 3, relu, 2, same) }");
        var b = Model("model M(input = 1x8x8) { conv2d(padding=same, filters=4, kernel=3, activation=relu, stride=2) }");
        Assert.Equal(a.Graph!.Nodes[1].Layer, b.Graph!.Nodes[1].Layer);
    }

    [Fact]
    public void SpansPointIntoTheBlockBody()
    {
        var c = Model("block B() {\n  conv2d(4, 3)\n}\nmodel M(input = 1x8x8) {\n  B\n}\n");
        Assert.Equal((2, 3), (c.Graph!.Nodes[1].Span.Line, c.Graph.Nodes[1].Span.Column));
        Assert.Equal(14, c.Graph.Nodes[1].Span.Start);
        Assert.Equal("conv2d(4, 3)".Length, c.Graph.Nodes[1].Span.Length);
    }

    [Fact]
    public void OneParseErrorDoesNotHideOtherModels()
    {
        var result = SpecCompiler.Compile("model A(input = 4) { dense( }\nmodel B(input = 4) { dense(2) }\n", "t.mdsl");
        Assert.Single(result.Diagnostics);
        Assert.Equal("B", Assert.Single(result.Models).Name);
        Assert.False(result.Models[0].HasErrors);
    }

    [Fact]
    public void CompilationResultsAreEquatable()
    {
        const string source = "model M(input = 1x8x8) { conv2d(4, 3) > flatten > dense(2) }";
        Assert.Equal(SpecCompiler.Compile(source, "t.mdsl"), SpecCompiler.Compile(source, "t.mdsl"));
    }
}

public class UnusedBlockTests
{
    [Fact]
    public void TyposInUnusedBlocksAreReported()
    {
        var result = SpecCompiler.Compile("block B(c) {\n  conv2d(c, 3) > reluu\n}\nmodel M(input = 4) { dense(2) }\n", "t.mdsl");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("t.mdsl(2,18): error MDSL002: Unknown layer 'reluu'", d.ToString());
    }

    [Fact]
    public void UsedBlocksReportTheirTypoOnce()
    {
        var result = SpecCompiler.Compile("block B(c) {\n  Conv(c)\n}\nmodel M(input = 4) { B(2) }\n", "t.mdsl");
        Assert.Equal("t.mdsl(2,3): error MDSL013: Unknown block 'Conv'", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void TyposInUntakenBranchesAreReported()
    {
        var result = SpecCompiler.Compile("model M(input = 4, big = false) {\n  if big { dense(8) > flaten }\n  dense(2)\n}\n", "t.mdsl");
        Assert.Equal("t.mdsl(2,23): error MDSL002: Unknown layer 'flaten'", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void TrainingOnlyLayersAreMarked()
    {
        var c = SpecDocument.Parse("model M(input = 3x8x8) { randomflip > dropout(0.1) > conv2d(2, 3) }", "t").Instantiate("M");
        Assert.Equal(new[] { false, true, true, false }, c.Graph!.Nodes.Select(n => n.Layer.IsTrainingOnly));
    }
}

public class DocumentDiagnosticsTests
{
    [Fact]
    public void DocumentAndModelDiagnosticsDoNotOverlap()
    {
        var doc = SpecDocument.Parse("block B(c) {\n  Conv(c)\n}\nblock Unused() { reluu }\nmodel M(input = 4) { B(2) > densse(3) }\n", "t.mdsl");
        var model = doc.Instantiate("M");
        Assert.Equal(new[] { "MDSL002" }, doc.Diagnostics.Select(d => d.Id));
        Assert.Equal(new[] { "MDSL013", "MDSL002" }, model.Diagnostics.Select(d => d.Id));
        Assert.True(model.HasErrors);
        Assert.Empty(doc.Diagnostics.Intersect(model.Diagnostics));
    }
}
