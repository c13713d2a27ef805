using System.Diagnostics;
using System.Text;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Zoo;
using Xunit.Abstractions;

namespace ModelDsl.Spec.Tests;

/// <summary>
/// Property test: random and mutated specs go through parse + expansion + inference. No exception may
/// escape; every diagnostic is located inside the file; a model that could not be inferred completely
/// always carries an error; specs broken on purpose always yield at least one located error.
/// </summary>
public class FuzzTests
{
    private const string Path = "fuzz.mdsl";
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static readonly string[] Seeds =
    {
        "model M(input = 1x28x28) {\n  conv2d(32, 3, relu) > maxpool2d(2)\n  conv2d(64, 3, relu)\n  flatten > dense(10, softmax)\n}\n",
        "block B(c, s = 1) {\n  fork add {\n    conv2d(c, 3, stride=s, padding=same) > batchnorm > relu\n  } {\n    if s != 1 { conv2d(c, 1, stride=s) }\n  }\n}\nmodel N(input = 8x16x16) {\n  B(8) > B(8, 2) > globalavgpool2d > dense(3)\n}\n",
        "model V(input = 32, n = 3) {\n  repeat n { dense(16) > dropout(0.1) }\n  residual { dense(16) }\n  dense(2, softmax)\n}\n",
    };

    [Fact]
    public void TenThousandSpecsNeverThrowAndAlwaysLocateTheirErrors()
    {
        var random = new Random(20261122);
        var watch = Stopwatch.StartNew();
        var corpus = Seeds.Concat(new[] { Source("MnistConvNet") }).ToArray();
        int total = 0, withErrors = 0, knownBad = 0;

        for (var i = 0; i < 4000; i++, total++)
        {
            withErrors += Check(RandomSpec(random)) ? 1 : 0;
        }
        for (var i = 0; i < 4000; i++, total++)
        {
            withErrors += Check(Mutate(corpus[random.Next(corpus.Length)], random)) ? 1 : 0;
        }
        for (var i = 0; i < 2000; i++, total++, knownBad++)
        {
            var bad = BreakOnPurpose(random.Next(2) == 0 ? corpus[random.Next(corpus.Length)] : RandomSpec(random), random);
            Assert.True(Check(bad), "no error for a spec broken on purpose:\n" + bad);
            withErrors++;
        }
        foreach (var zoo in ModelZoo.Names)
        {
            for (var i = 0; i < 50; i++, total++) withErrors += Check(Mutate(Source(zoo), random)) ? 1 : 0;
        }

        _output.WriteLine($"{total} specs, {withErrors} with errors ({knownBad} broken on purpose), {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(total >= 10000);
        // Elapsed time is reported, not asserted (DESIGN: no timed unit tests); about 15 s here.
    }

    private static string Source(string zoo)
    {
        Assert.True(ModelZoo.TryGetSource(zoo, out var text));
        return text;
    }

    /// <summary>Compiles; asserts the invariants; returns whether the spec has errors.</summary>
    private static bool Check(string text)
    {
        SpecCompilationResult result;
        try
        {
            result = SpecCompiler.Compile(text, Path);
        }
        catch (Exception ex)
        {
            Assert.Fail("exception escaped for spec:\n" + text + "\n" + ex);
            throw;
        }
        var lines = text.Split('\n').Length;
        foreach (var d in result.Diagnostics)
        {
            Assert.True(d.Span.Path == Path && d.Span.Line >= 1 && d.Span.Line <= lines && d.Span.Column >= 1,
                "unlocated diagnostic " + d + " for spec:\n" + text);
            Assert.True(d.Span.Start >= 0 && d.Span.End <= text.Length, "span outside the text: " + d);
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
        }
        foreach (var model in result.Models)
        {
            var complete = model.Inference is not null && model.Inference.Nodes.All(n => n.OutputShape is not null);
            Assert.True(complete || model.HasErrors, "model " + model.Name + " failed silently:\n" + text);
        }
        return result.HasErrors;
    }

    private static readonly string[] BadStatements =
    {
        "zzlayer(3)", "Nowhere(1)", "conv2d(0, 3)", "dense()", "maxpool2d(stride=0)", "conv2d(4, 3, strides=2)",
        "dense(4, activation=gelu)", "dropout(1.5)", "if 3 { flatten }", "repeat true { flatten }", "add", "conv2d(unknown_param, 3)",
    };

    private static string BreakOnPurpose(string text, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                // A bad statement right after the first model's opening brace.
                var model = text.IndexOf("model ", StringComparison.Ordinal);
                var brace = text.IndexOf('{', model);
                return text.Insert(brace + 1, "\n  " + BadStatements[random.Next(BadStatements.Length)] + "\n");
            case 1:
                // Unbalanced: drop the final closing brace.
                var last = text.LastIndexOf('}');
                return text.Remove(last, 1);
            case 2:
                // A stray character after a random '{' (never inside a comment: comments here have no braces).
                var braces = Enumerable.Range(0, text.Length).Where(i => text[i] == '{').ToArray();
                return text.Insert(braces[random.Next(braces.Length)] + 1, " @ ");
            default:
                // A second declaration with the same name.
                return text + "\nmodel " + FirstModelName(text) + "(input = 4) { dense(2) }\n";
        }
    }

    private static string FirstModelName(string text)
    {
        var start = text.IndexOf("model ", StringComparison.Ordinal) + 6;
        var end = text.IndexOf('(', start);
        return text.Substring(start, end - start).Trim();
    }

    private static readonly string[] Fragments =
    {
        "{", "}", "(", ")", ",", ">", "=", ":", "x", "0", "-1", "3x3", "relu", "same", "fork", "add", "residual", "if",
        "else", "repeat", "model", "block", "dense", "conv2d", "flatten", "#", "\n", "999999999999", "1e400", "\"", "\u00e9", "(1, 2, 3)",
    };

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(sb.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    if (sb.Length > 0) sb.Remove(Math.Min(at, sb.Length - 1), Math.Min(1 + random.Next(6), sb.Length - Math.Min(at, sb.Length - 1)));
                    break;
                case 1:
                    sb.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    sb.Insert(at, (char)random.Next(32, 127));
                    break;
                default:
                    if (at < sb.Length && char.IsDigit(sb[at])) sb[at] = (char)('0' + random.Next(10));
                    else sb.Insert(at, random.Next(0, 3000).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.ToString();
    }

    private static string RandomSpec(Random random)
    {
        var sb = new StringBuilder();
        if (random.Next(3) == 0)
        {
            sb.Append("block Blk(c, s = 1) {\n  ").Append(Statements(random, 2, "c")).Append("\n}\n");
        }
        var image = random.Next(4) != 0;
        var input = image ? $"{1 + random.Next(8)}x{1 + random.Next(40)}x{1 + random.Next(40)}" : (1 + random.Next(64)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        sb.Append("model R(input = ").Append(input).Append(", flag = ").Append(random.Next(2) == 0 ? "true" : "false").Append(") {\n  ");
        sb.Append(Statements(random, 3, null));
        sb.Append("\n}\n");
        return sb.ToString();
    }

    private static string Statements(Random random, int depth, string? channelsParam)
    {
        var count = 1 + random.Next(5);
        var parts = new List<string>();
        for (var i = 0; i < count; i++) parts.Add(Statement(random, depth, channelsParam));
        return string.Join(random.Next(2) == 0 ? " > " : "\n  ", parts);
    }

    private static string Statement(Random random, int depth, string? channelsParam)
    {
        var f = channelsParam ?? (1 + random.Next(16)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var k = 1 + random.Next(5);
        var choice = random.Next(depth > 0 ? 18 : 13);
        return choice switch
        {
            0 => $"conv2d({f}, {k}, relu)",
            1 => $"conv2d({f}, {k}, stride={1 + random.Next(3)}, padding={(random.Next(2) == 0 ? "same" : "valid")})",
            2 => $"depthwiseconv2d({k}, multiplier={1 + random.Next(2)}, padding=same)",
            3 => $"maxpool2d({1 + random.Next(3)})",
            4 => $"avgpool2d({1 + random.Next(3)}, stride=1, padding={random.Next(2)})",
            5 => "flatten",
            6 => $"dense({1 + random.Next(20)}, {(random.Next(2) == 0 ? "relu" : "softmax")})",
            7 => "batchnorm",
            8 => $"dropout(0.{random.Next(10)})",
            9 => random.Next(2) == 0 ? "relu" : "relu6",
            10 => "globalavgpool2d",
            11 => $"zeropad2d({random.Next(3)})",
            12 => $"reshape({1 + random.Next(4)}x{1 + random.Next(4)})",
            13 => $"fork add {{ {Statements(random, depth - 1, channelsParam)} }} {{ }}",
            14 => $"fork concat {{ {Statements(random, depth - 1, channelsParam)} }} {{ {Statements(random, depth - 1, channelsParam)} }}",
            15 => $"residual if flag {{ {Statements(random, depth - 1, channelsParam)} }}",
            16 => $"repeat {random.Next(3)} {{ {Statements(random, depth - 1, channelsParam)} }}",
            _ => channelsParam is null ? "Blk(4)" : $"if s == 1 {{ {Statements(random, depth - 1, channelsParam)} }}",
        };
    }
}
