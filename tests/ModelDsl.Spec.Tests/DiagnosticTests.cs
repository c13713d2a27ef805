using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Language;

namespace ModelDsl.Spec.Tests;

/// <summary>One test per diagnostic id: the id, the message and the exact line:column.</summary>
public class DiagnosticTests
{
    private static SpecDiagnostic Single(string source, string id)
    {
        var result = SpecCompiler.Compile(source, "t.mdsl");
        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, "expected one " + id + " but got: " + string.Join(" | ", result.Diagnostics));
        return matching[0];
    }

    private static void Expect(string source, string id, int line, int column, string message)
    {
        var d = Single(source, id);
        Assert.Equal(message, d.Message);
        Assert.Equal((line, column), (d.Span.Line, d.Span.Column));
        Assert.Equal($"t.mdsl({line},{column}): {(d.Severity == SpecSeverity.Warning ? "warning" : "error")} {id}: {message}", d.ToString());
    }

    [Fact]
    public void MDSL001_SyntaxError() => Expect(
        "model M(input = 1x8x8) {\n  conv2d(4, 3\n}\n",
        "MDSL001", 3, 1, "Syntax error: expected ')' or ',' but found '}'");

    [Fact]
    public void MDSL001_BadCharacter() => Expect(
        "model M(input = 1x8x8) {\n  flatten @\n}\n",
        "MDSL001", 2, 11, "Syntax error: unexpected text '@'");

    [Fact]
    public void MDSL002_UnknownLayer() => Expect(
        "model M(input = 1x8x8) {\n  flatten\n  densse(10)\n}\n",
        "MDSL002", 3, 3, "Unknown layer 'densse'");

    [Fact]
    public void MDSL003_BadArgument() => Expect(
        "model M(input = 1x8x8) {\n  conv2d(4, 3, stride=0)\n}\n",
        "MDSL003", 2, 23, "Argument 'stride' of conv2d: expected a positive integer or HxW pair but got integer '0'");

    [Fact]
    public void MDSL004_WrongArgumentCount() => Expect(
        "model M(input = 1x8x8) {\n  conv2d(4)\n}\n",
        "MDSL004", 2, 3, "conv2d takes at least 2 arguments but got 1 (missing 'kernel')");

    [Fact]
    public void MDSL004_TooManyBlockArguments() => Expect(
        "block B(f) { conv2d(f, 1) }\nmodel M(input = 1x8x8) {\n  B(4, 5)\n}\n",
        "MDSL004", 3, 8, "B takes at most 1 argument but got 2");

    [Fact]
    public void MDSL005_UnknownArgument() => Expect(
        "model M(input = 1x8x8) {\n  conv2d(4, 3, strides=2)\n}\n",
        "MDSL005", 2, 16, "conv2d has no argument named 'strides'");

    [Fact]
    public void MDSL006_DuplicateName() => Expect(
        "model M(input = 1x8x8) {\n  c: conv2d(4, 3)\n  c: conv2d(4, 3)\n}\n",
        "MDSL006", 3, 3, "Duplicate name 'c'");

    [Fact]
    public void MDSL007_KernelLargerThanInput() => Expect(
        "model M(input = 1x8x8) {\n  conv2d(4, 3) > maxpool2d(2)\n  conv2d(8, 5)\n}\n",
        "MDSL007", 3, 3, "Layer 'conv2d_1' (Conv2D): kernel 5x5 is larger than the padded input 3x3 (input shape (N, 4, 3, 3))");

    [Fact]
    public void MDSL003_ZeroDimension() => Expect(
        "model M(input = 1x8x8) {\n  reshape(0x4)\n}\n",
        "MDSL003", 2, 11, "Argument 'shape' of reshape: expected positive dimensions such as 64x4x4 but got tuple '0x4'");

    [Fact]
    public void MDSL009_DenseNeedsFlatten() => Expect(
        "model M(input = 1x28x28) {\n  conv2d(32, 3, relu)\n  dense(10)\n}\n",
        "MDSL009", 3, 3, "Layer 'dense' (Dense) expects a vector but got input shape (N, 32, 26, 26); insert flatten or globalavgpool2d before it");

    [Fact]
    public void MDSL010_AddShapeMismatch() => Expect(
        "model M(input = 3x8x8) {\n  fork add {\n    conv2d(16, 3, padding=same)\n  } { }\n}\n",
        "MDSL010", 2, 8, "Layer 'add' (Add): input shapes (N, 16, 8, 8) and (N, 3, 8, 8) differ");

    [Fact]
    public void MDSL011_ConcatShapeMismatch() => Expect(
        "model M(input = 3x8x8) {\n  fork concat {\n    conv2d(16, 3)\n  } {\n    conv2d(8, 1)\n  }\n}\n",
        "MDSL011", 2, 8, "Layer 'concatenate' (Concatenate): input shapes (N, 16, 6, 6) and (N, 8, 8, 8) differ outside axis 1");

    [Fact]
    public void MDSL012_SoftmaxNotLast() => Expect(
        "model M(input = 10) {\n  dense(10, softmax)\n  dense(2)\n}\n",
        "MDSL012", 2, 3, "Layer 'dense' applies softmax but is not the last layer");

    [Fact]
    public void MDSL013_UnknownBlock() => Expect(
        "model M(input = 1x8x8) {\n  Resdual(4)\n}\n",
        "MDSL013", 2, 3, "Unknown block 'Resdual'");

    [Fact]
    public void MDSL014_UnknownIdentifier() => Expect(
        "model M(input = 1x8x8, width = 4) {\n  conv2d(widht, 3)\n}\n",
        "MDSL014", 2, 10, "Unknown identifier 'widht'");

    [Fact]
    public void MDSL015_WrongInputRank() => Expect(
        "model M(input = 1x8x8) {\n  flatten\n  maxpool2d(2)\n}\n",
        "MDSL015", 3, 3, "Layer 'max_pooling2d' (MaxPooling2D) expects a CxHxW image input but got shape (N, 64)");

    [Fact]
    public void MDSL016_ReshapeMismatch() => Expect(
        "model M(input = 1x8x8) {\n  flatten > reshape(4x4x5)\n}\n",
        "MDSL016", 2, 13, "Layer 'reshape' (Reshape): cannot reshape (N, 64) (64 elements) to (N, 4, 4, 5)");

    [Fact]
    public void MDSL017_GroupsMismatch() => Expect(
        "model M(input = 3x8x8) {\n  conv2d(8, 3, groups=2)\n}\n",
        "MDSL017", 2, 3, "Layer 'conv2d' (Conv2D): 3 channels are not divisible by groups=2");

    [Fact]
    public void MDSL018_MissingInput() => Expect(
        "model M(classes = 10) {\n  dense(classes)\n}\n",
        "MDSL018", 1, 7, "Model 'M' has no input shape; declare a parameter 'input = CxHxW'");

    [Fact]
    public void MDSL019_MergeOutsideFork() => Expect(
        "model M(input = 1x8x8) {\n  conv2d(4, 3)\n  add\n}\n",
        "MDSL019", 3, 3, "'add' merges branches: write 'fork add { ... } { ... }' or 'residual { ... }'");

    [Fact]
    public void MDSL020_RecursiveBlock() => Expect(
        "block A(n) { B(n) }\nblock B(n) { A(n) }\nmodel M(input = 1x8x8) {\n  A(1)\n}\n",
        "MDSL020", 2, 14, "Block 'A' calls itself (through A > B > A)");

    [Fact]
    public void MDSL021_TypeMismatch() => Expect(
        "model M(input = 1x8x8, n = 3) {\n  if n { flatten }\n}\n",
        "MDSL021", 2, 6, "Expected a boolean but got integer '3'");

    [Fact]
    public void MDSL022_NoModel() => Expect(
        "block B(f) { conv2d(f, 3) }\n",
        "MDSL022", 1, 1, "File declares no model");

    [Fact]
    public void MDSL023_TooLarge() => Expect(
        "model M(input = 4) {\n  repeat 100000 { dense(4) }\n}\n",
        "MDSL023", 2, 19, "Expansion stopped after 5000 layers (repeat count or nesting too large)");

    [Fact]
    public void MDSL024_ModelNotFound()
    {
        var d = SpecDocument.Parse("model A(input = 4) { dense(2) }", "t.mdsl").Instantiate("B").Diagnostics.Single();
        Assert.Equal("t.mdsl(1,1): error MDSL024: Model 'B' is not defined (available: A)", d.ToString());
    }

    [Fact]
    public void MDSL008_NonPositiveDimension()
    {
        // The text front end rejects zero sizes as bad arguments (MDSL003, above); a front end that
        // builds the graph itself (attributes) can still hand one over, and inference catches it.
        var b = new ModelDsl.Spec.Graph.ModelGraphBuilder("M", ModelDsl.Spec.Text.SourceSpan.None);
        b.AddInput(ModelDsl.Spec.Shapes.TensorShape.Of(1, 0, 8), ModelDsl.Spec.Text.SourceSpan.OnLine("a.cs", 10, 5, 3, 7));
        var d = ModelDsl.Spec.Inference.ShapeInference.Infer(b.Build()).Diagnostics.Single();
        Assert.Equal("a.cs(3,7): error MDSL008: Layer 'input' (InputLayer): output shape (N, 1, 0, 8) has a non-positive dimension (input shape (N, 1, 0, 8))", d.ToString());
    }

    [Fact]
    public void MDSL025_IndexOutOfRange() => Expect(
        "model M(input = 1x8x8, cfg = [1, 2]) {\n  conv2d(cfg[2], 1)\n}\n",
        "MDSL025", 2, 14, "Index 2 is out of range for 2 items");

    [Fact]
    public void MDSL026_MultiplyShapeMismatch() => Expect(
        "model M(input = 4x8x8) {\n  fork mul { } { conv2d(3, 1) }\n}\n",
        "MDSL026", 2, 8, "Layer 'multiply' (Multiply): input shapes (N, 4, 8, 8) and (N, 3, 8, 8) do not broadcast");

    [Fact]
    public void MDSL027_BadDefaults() => Expect(
        "defaults batchnorm(0.1)\nmodel M(input = 4x8x8) { batchnorm }\n",
        "MDSL027", 1, 20, "defaults batchnorm: arguments must be named (defaults batchnorm(eps=0.00001))");

    [Fact]
    public void MDSL028_SizeOverflow() => Expect(
        "model M(input = 3x65536x65536) {\n  flatten\n  dense(10)\n}\n",
        "MDSL028", 2, 3, "Layer 'flatten' (Flatten): the flattened size 3 x 65536 x 65536 = 12,884,901,888 exceeds the largest dimension, 2,147,483,647 (input shape (N, 3, 65536, 65536))");

    [Fact]
    public void MDSL002_UnknownLayerSuggestsTheClosestKeyword()
    {
        var d = Single("model M(input = 1x8x8) {\n  maxpol2d(2)\n}\n", "MDSL002");
        Assert.Equal("Unknown layer 'maxpol2d'", d.Message);
        var note = Assert.Single(d.Notes);
        Assert.Equal("did you mean 'maxpool2d'?", note.Message);
        Assert.Equal((2, 3), (note.Span.Line, note.Span.Column));
        Assert.Equal("t.mdsl(2,3): error MDSL002: Unknown layer 'maxpol2d'\nt.mdsl(2,3): note: did you mean 'maxpool2d'?", d.ToStringWithNotes());
    }

    [Fact]
    public void MDSL013_UnknownBlockSuggestsADeclaredBlock()
    {
        var d = Single("block Residual() { relu }\nmodel M(input = 1x8x8) {\n  Resdual()\n}\n", "MDSL013");
        Assert.Equal("did you mean 'Residual'?", Assert.Single(d.Notes).Message);
    }

    [Fact]
    public void MDSL005_UnknownArgumentSuggestsTheArgument()
    {
        var layer = Single("model M(input = 1x8x8) {\n  conv2d(4, 3, strides=2)\n}\n", "MDSL005");
        Assert.Equal("did you mean 'stride'?", Assert.Single(layer.Notes).Message);
        Assert.Equal((2, 16), (layer.Notes[0].Span.Line, layer.Notes[0].Span.Column));
        var block = Single("block B(width) { conv2d(width, 1) }\nmodel M(input = 1x8x8) {\n  B(widht=2)\n}\n", "MDSL005");
        Assert.Equal("did you mean 'width'?", Assert.Single(block.Notes).Message);
    }

    [Fact]
    public void MDSL014_UnknownIdentifierSuggestsAParameter()
    {
        var d = Single("model M(input = 1x8x8, width = 4) {\n  conv2d(widht, 1)\n}\n", "MDSL014");
        Assert.Equal("did you mean 'width'?", Assert.Single(d.Notes).Message);
    }

    [Fact]
    public void MDSL006_DuplicateLabelInsideRepeatPointsAtTheRepeatAndTheBlockCall()
    {
        var source = "block B() {\n  repeat 2 { conv: conv2d(4, 1) }\n}\nmodel M(input = 4x8x8) {\n  B()\n}\n";
        var d = Single(source, "MDSL006");
        Assert.Equal((2, 14), (d.Span.Line, d.Span.Column));
        Assert.Equal(new[] { "in iteration 2 of this repeat", "in block 'B' instantiated here" }, d.Notes.Select(n => n.Message));
        Assert.Equal((2, 3), (d.Notes[0].Span.Line, d.Notes[0].Span.Column));
        Assert.Equal((5, 3), (d.Notes[1].Span.Line, d.Notes[1].Span.Column));
    }

    [Fact]
    public void ShapeErrorInsideABlockNotesTheCallSite()
    {
        var d = Single("block B(c) {\n  conv2d(c, 9)\n}\nmodel M(input = 1x4x4) {\n  B(2)\n}\n", "MDSL007");
        Assert.Equal((2, 3), (d.Span.Line, d.Span.Column));
        var note = Assert.Single(d.Notes);
        Assert.Equal("in block 'B' instantiated here", note.Message);
        Assert.Equal((5, 3), (note.Span.Line, note.Span.Column));
    }

    [Fact]
    public void EveryCatalogueIdIsCovered()
    {
        var tested = typeof(DiagnosticTests).GetMethods().Select(m => m.Name).Where(n => n.StartsWith("MDSL")).Select(n => n.Substring(0, 7)).ToHashSet();
        var missing = DiagnosticCatalog.All.Select(d => d.Id).Where(id => !tested.Contains(id)).ToList();
        Assert.Empty(missing);
    }
}
