extern alias generator;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ModelDsl.Generators.Tests.Infrastructure;
using static ModelDsl.Generators.Tests.Infrastructure.RoslynSdk;
using DiagnosticDescriptors = generator::ModelDsl.Generators.Diagnostics.DiagnosticDescriptors;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// <see cref="generator::ModelDsl.Generators.ModelAnalyzer"/> through the Roslyn SDK's analyzer test: for every
/// diagnostic id that a <c>.mdsl</c> file or C# attributes can cause, the id, the exact message and the exact span
/// (markup <c>{|#0:...|}</c>), and nothing else reported.
/// </summary>
public class AnalyzerTests
{
    /// <summary>Ids no input of either front end can cause, and why.</summary>
    private static readonly Dictionary<string, string> Unreachable = new()
    {
        ["MDSL008"] = "both front ends reject a non-positive size as a bad argument (MDSL003) before inference, whose safety net MDSL008 is",
        ["MDSL024"] = "a model looked up by name at run time or in the CLI; [ModelSpec] lookups report MDSL104",
        ["MDSL199"] = "an internal error of the generator",
    };

    /// <summary>One .mdsl file per id: the file (markup at the exact span), the id and the message.</summary>
    public static TheoryData<string, string, string> SpecCases => new()
    {
        { "MDSL001", "model M(input = 1x8x8) {\n  conv2d(4, 3\n{|#0:}|}\n", "Syntax error: expected ')' or ',' but found '}'" },
        { "MDSL002", "model M(input = 1x8x8) {\n  flatten\n  {|#0:densse|}(10)\n}\n", "Unknown layer 'densse'; did you mean 'dense'?" },
        { "MDSL003", "model M(input = 1x8x8) {\n  conv2d(4, 3, stride={|#0:0|})\n}\n", "Argument 'stride' of conv2d: expected a positive integer or HxW pair but got integer '0'" },
        { "MDSL004", "model M(input = 1x8x8) {\n  {|#0:conv2d(4)|}\n}\n", "conv2d takes at least 2 arguments but got 1 (missing 'kernel')" },
        { "MDSL005", "model M(input = 1x8x8) {\n  conv2d(4, 3, {|#0:strides|}=2)\n}\n", "conv2d has no argument named 'strides'; did you mean 'stride'?" },
        { "MDSL006", "model M(input = 1x8x8) {\n  c: conv2d(4, 3)\n  {|#0:c: conv2d(4, 3)|}\n}\n", "Duplicate name 'c'" },
        { "MDSL007", "model M(input = 1x8x8) {\n  conv2d(4, 3) > maxpool2d(2)\n  {|#0:conv2d(8, 5)|}\n}\n", "Layer 'conv2d_1' (Conv2D): kernel 5x5 is larger than the padded input 3x3 (input shape (N, 4, 3, 3))" },
        { "MDSL009", "model M(input = 1x28x28) {\n  conv2d(32, 3, relu)\n  {|#0:dense(10)|}\n}\n", "Layer 'dense' (Dense) expects a vector but got input shape (N, 32, 26, 26); insert flatten or globalavgpool2d before it" },
        { "MDSL010", "model M(input = 3x8x8) {\n  fork {|#0:add|} {\n    conv2d(16, 3, padding=same)\n  } { }\n}\n", "Layer 'add' (Add): input shapes (N, 16, 8, 8) and (N, 3, 8, 8) differ" },
        { "MDSL011", "model M(input = 3x8x8) {\n  fork {|#0:concat|} {\n    conv2d(16, 3)\n  } {\n    conv2d(8, 1)\n  }\n}\n", "Layer 'concatenate' (Concatenate): input shapes (N, 16, 6, 6) and (N, 8, 8, 8) differ outside axis 1" },
        { "MDSL012", "model M(input = 10) {\n  {|#0:dense(10, softmax)|}\n  dense(2)\n}\n", "Layer 'dense' applies softmax but is not the last layer" },
        { "MDSL013", "model M(input = 1x8x8) {\n  {|#0:Resdual|}(4)\n}\n", "Unknown block 'Resdual'" },
        { "MDSL014", "model M(input = 1x8x8, width = 4) {\n  conv2d({|#0:widht|}, 3)\n}\n", "Unknown identifier 'widht'; did you mean 'width'?" },
        { "MDSL015", "model M(input = 1x8x8) {\n  flatten\n  {|#0:maxpool2d(2)|}\n}\n", "Layer 'max_pooling2d' (MaxPooling2D) expects a CxHxW image input but got shape (N, 64)" },
        { "MDSL016", "model M(input = 1x8x8) {\n  flatten > {|#0:reshape(4x4x5)|}\n}\n", "Layer 'reshape' (Reshape): cannot reshape (N, 64) (64 elements) to (N, 4, 4, 5)" },
        { "MDSL017", "model M(input = 3x8x8) {\n  {|#0:conv2d(8, 3, groups=2)|}\n}\n", "Layer 'conv2d' (Conv2D): 3 channels are not divisible by groups=2" },
        { "MDSL018", "model {|#0:M|}(classes = 10) {\n  dense(classes)\n}\n", "Model 'M' has no input shape; declare a parameter 'input = CxHxW'" },
        { "MDSL019", "model M(input = 1x8x8) {\n  conv2d(4, 3)\n  {|#0:add|}\n}\n", "'add' merges branches: write 'fork add { ... } { ... }' or 'residual { ... }'" },
        { "MDSL020", "block A(n) { B(n) }\nblock B(n) { {|#0:A|}(n) }\nmodel M(input = 1x8x8) {\n  A(1)\n}\n", "Block 'A' calls itself (through A > B > A)" },
        { "MDSL021", "model M(input = 1x8x8, n = 3) {\n  if {|#0:n|} { flatten }\n}\n", "Expected a boolean but got integer '3'" },
        { "MDSL022", "{|#0:|}block B(f) { conv2d(f, 3) }\n", "File declares no model" },
        { "MDSL023", "model M(input = 4) {\n  repeat 100000 { {|#0:dense(4)|} }\n}\n", "Expansion stopped after 5000 layers (repeat count or nesting too large)" },
        { "MDSL025", "model M(input = 1x8x8, cfg = [1, 2]) {\n  conv2d(cfg[{|#0:2|}], 1)\n}\n", "Index 2 is out of range for 2 items" },
        { "MDSL026", "model M(input = 4x8x8) {\n  fork {|#0:mul|} { } { conv2d(3, 1) }\n}\n", "Layer 'multiply' (Multiply): input shapes (N, 4, 8, 8) and (N, 3, 8, 8) do not broadcast" },
        { "MDSL027", "defaults batchnorm({|#0:0.1|})\nmodel M(input = 4x8x8) { batchnorm }\n", "defaults batchnorm: arguments must be named (defaults batchnorm(eps=0.00001))" },
        { "MDSL028", "model M(input = 3x65536x65536) {\n  {|#0:flatten|}\n  dense(10)\n}\n", "Layer 'flatten' (Flatten): the flattened size 3 x 65536 x 65536 = 12,884,901,888 exceeds the largest dimension, 2,147,483,647 (input shape (N, 3, 65536, 65536))" },
    };

    /// <summary>C# declarations per id: the source (markup at the exact span), the id and the message.</summary>
    public static TheoryData<string, string, string> AttributeCases => new()
    {
        { "MDSL003", Mnist.Replace("\"1x28x28\"", "\"{|#0:1x0x28|}\""), "Argument 'Input' of [Model]: expected positive dimensions such as 1x28x28 but got '1x0x28'" },
        { "MDSL007", Mnist.Replace("[Conv2D(64, 3, Activation.Relu)]\n[Flatten]", "[Conv2D(64, {|#0:6|}, Activation.Relu)]\n[Flatten]"), "Layer 'conv2d_2' (Conv2D): kernel 6x6 is larger than the padded input 5x5 (input shape (N, 64, 5, 5))" },
        { "MDSL009", Mnist.Replace("[Flatten]\n[Dense(64, Activation.Relu)]", "[{|#0:Dense(64, Activation.Relu)|}]"), "Layer 'dense' (Dense) expects a vector but got input shape (N, 64, 3, 3); insert flatten or globalavgpool2d before it" },
        { "MDSL010", Block("[Branch(\"s\")] [Conv2D(3, 1)]\n[{|#0:Add|}]"), "Layer 'add' (Add): input shapes (N, 4, 8, 8) and (N, 3, 8, 8) differ" },
        { "MDSL012", Mnist.Replace("[Dense(64, Activation.Relu)]", "[{|#0:Dense(64, Activation.Softmax)|}]"), "Layer 'dense' applies softmax but is not the last layer" },
        { "MDSL014", "using ModelDsl;\nnamespace Demo;\n[Block(\"width\")]\n[Conv2D({|#0:\"widht * 2\"|}, 3)]\npublic sealed class Stage { }\n[Model(Input = \"3x32x32\")]\n[Use(typeof(Stage), 16)]\npublic partial class Net { }\n", "Unknown identifier 'widht'" },
        { "MDSL017", Mnist.Replace("[Conv2D(32, 3, Activation.Relu)]", "[Conv2D(32, 3, Activation.Relu, Groups = {|#0:3|})]"), "Layer 'conv2d' (Conv2D): 1 channels are not divisible by groups=3" },
        { "MDSL026", Block("[Branch(\"s\")] [Conv2D(3, 1)]\n[{|#0:Multiply|}]"), "Layer 'multiply' (Multiply): input shapes (N, 4, 8, 8) and (N, 3, 8, 8) do not broadcast" },
        { "MDSL101", Mnist.Replace("public partial class MnistConvNet", "public class {|#0:MnistConvNet|}"), "The model class 'MnistConvNet' must be declared 'partial' so ModelDsl can generate its layers and forward" },
        { "MDSL102", Mnist.Replace("public partial class MnistConvNet", "public static partial class {|#0:MnistConvNet|}"), "'MnistConvNet' cannot be a model: a static class has no instances" },
        { "MDSL103", "using ModelDsl;\nnamespace Demo;\n[{|#0:Model|}]\n[Dense(2)]\npublic partial class Net { }\n", "[Model] on 'Net' needs an input shape, e.g. [Model(Input = \"1x28x28\")]" },
        { "MDSL104", "using ModelDsl;\nnamespace Demo;\n[Model]\n[ModelSpec(\"{|#0:ResNet05|}\")]\npublic partial class Net { }\n", "No model named 'ResNet05' in the project's .mdsl AdditionalFiles (none found; is the file listed as AdditionalFiles?)" },
        { "MDSL105", "using ModelDsl;\nnamespace Demo;\npublic class {|#0:Outer|}\n{\n    [Model(Input = \"10\")]\n    [Dense(2)]\n    public partial class Net { }\n}\n", "The type 'Outer' enclosing model 'Net' must be declared 'partial'" },
        { "MDSL106", "using ModelDsl;\nnamespace Demo;\n[Block]\n[Use(typeof(B))]\npublic sealed class A { }\n[Block]\n[Use({|#0:typeof(A)|})]\npublic sealed class B { }\n[Model(Input = \"4x8x8\")]\n[Use(typeof(A))]\npublic partial class Net { }\n", "Block 'A' uses itself through A -> B" },
    };

    private static string Mnist => Sources.MnistConvNet;

    private static string Block(string layers)
        => "using ModelDsl;\nnamespace Demo;\n[Block]\n" + layers + "\npublic sealed class Gate { }\n[Model(Input = \"4x8x8\")]\n[Use(typeof(Gate))]\npublic partial class Net { }\n";

    [Theory]
    [MemberData(nameof(SpecCases))]
    public async Task SpecFileDiagnostic(string id, string spec, string message)
    {
        var test = new ModelAnalyzerTest { TestCode = "// no C# models" };
        test.TestState.AdditionalFiles.Add(("/specs/t.mdsl", spec));
        test.ExpectedDiagnostics.Add(Located(id, message));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AttributeCases))]
    public async Task AttributeDiagnostic(string id, string source, string message)
    {
        var test = new ModelAnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.Add(Located(id, message));
        await test.RunAsync();
    }

    [Fact]
    public async Task ErrorInAnInlineSpecLandsInsideTheLiteral()
    {
        const string source = "using ModelDsl;\nnamespace Demo;\n[Model]\n[InlineSpec(\"model Net(input = 1x8x8) { {|#0:conv2d(4, 9)|} > flatten > dense(2) }\")]\npublic partial class Net { }\n";
        var test = new ModelAnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.Add(Expect("MDSL007", "Layer 'conv2d' (Conv2D): kernel 9x9 is larger than the padded input 8x8 (input shape (N, 1, 8, 8))"));
        await test.RunAsync();
    }

    [Fact]
    public async Task ModelSpecNamingAModelOfTheProjectsSpecFilesIsClean()
    {
        var test = new ModelAnalyzerTest { TestCode = "using ModelDsl;\nnamespace Demo;\n[Model]\n[ModelSpec(\"Tiny\")]\npublic partial class Net { }\n" };
        test.TestState.AdditionalFiles.Add(("/specs/tiny.mdsl", "model Tiny(input = 1x8x8) {\n  conv2d(4, 3) > flatten > dense(2)\n}\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task PragmaSuppressesAnAttributeDiagnostic()
    {
        var source = "#pragma warning disable MDSL009\n" + Mnist.Replace("[Flatten]\n", "") + "\n#pragma warning restore MDSL009\n";
        await new ModelAnalyzerTest { TestCode = source }.RunAsync();
    }

    /// <summary>Every id the descriptors define has a case above, or is listed as unreachable with the reason.</summary>
    [Fact]
    public void EveryReachableIdHasACase()
    {
        var covered = SpecCases.Select(row => (string)row[0]).Concat(AttributeCases.Select(row => (string)row[0])).ToHashSet();
        var missing = DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Where(id => !covered.Contains(id) && !Unreachable.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, "no analyzer test for: " + string.Join(", ", missing));
    }

    private static DiagnosticResult Located(string id, string message)
    {
        var severity = DiagnosticDescriptors.All.First(d => d.Id == id).DefaultSeverity;
        // Block cycles and huge repeats carry the call sites as additional locations (DiagnosticTests checks them).
        return Expect(id, message, severity).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
    }
}
