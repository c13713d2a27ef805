namespace ModelDsl.Torch.Tests;

/// <summary>
/// Our ops against PyTorch 1.13 on the fixed inputs of Fixtures/Tensor/tensor_ops.json
/// (made by make_fixtures.py). Tolerances: float32 elementwise and shape ops 1e-6 absolute (they are
/// the same kernels, so in practice bit-equal); reductions and matmuls 1e-5 relative + 1e-6 absolute,
/// since summation order may differ with the thread count; integer and bool results exactly.
/// </summary>
public class TensorParityTests
{
    private static readonly TensorFixture Fixture = TensorFixture.Load("tensor_ops.json");

    private static Tensor In(string name) => Fixture.Get("inputs", name);

    private static readonly Dictionary<string, Func<Tensor>> Ops = new()
    {
        ["add"] = () => In("a") + In("b"),
        ["sub"] = () => In("a") - In("b"),
        ["mul"] = () => In("a") * In("b"),
        ["div"] = () => In("a") / In("p"),
        ["add_scalar"] = () => In("a") + 2.5,
        ["rsub_scalar"] = () => 2.5 - In("a"),
        ["mul_scalar"] = () => In("a") * -1.5,
        ["rdiv_scalar"] = () => 1.5 / In("p"),
        ["add_broadcast_row"] = () => In("a") + In("row"),
        ["mul_broadcast_col"] = () => In("a") * In("col"),
        ["neg"] = () => -In("a"),
        ["exp"] = () => In("a").Exp(),
        ["log"] = () => In("p").Log(),
        ["sqrt"] = () => In("p").Sqrt(),
        ["abs"] = () => In("a").Abs(),
        ["pow_scalar"] = () => In("a").Pow(2),
        ["pow_tensor"] = () => In("p").Pow(In("b")),
        ["square"] = () => In("a").Square(),
        ["reciprocal"] = () => In("p").Reciprocal(),
        ["clamp"] = () => In("a").Clamp(-0.5, 0.5),
        ["clamp_min"] = () => In("a").Clamp(min: 0),
        ["maximum"] = () => In("a").Maximum(In("b")),
        ["gt"] = () => In("a").Gt(In("b")),
        ["le_scalar"] = () => In("a").Le(0.25),
        ["eq"] = () => In("a").Eq(In("a") * In("a").Gt(0)),
        ["where"] = () => Tensor.Where(In("a").Gt(0), In("a"), In("b")),
        ["sum"] = () => In("a").Sum(),
        ["sum_dim1"] = () => In("a").Sum(1),
        ["sum_dims_keep"] = () => In("m").Sum([0, 2], keepDim: true),
        ["mean"] = () => In("a").Mean(),
        ["mean_dim0_keep"] = () => In("a").Mean(0, keepDim: true),
        ["max"] = () => In("a").Max(),
        ["max_dim1"] = () => In("a").Max(1),
        ["min_dim0"] = () => In("a").Min(0),
        ["argmax_dim1"] = () => In("a").Argmax(1),
        ["argmin"] = () => In("a").Argmin(),
        ["std"] = () => In("a").Std(),
        ["std_dim1"] = () => In("a").Std(1),
        ["var_dim0_biased"] = () => In("a").Var(0, unbiased: false),
        ["matmul"] = () => In("a").Matmul(In("c")),
        ["matmul_batched"] = () => In("m").Matmul(In("c")),
        ["matmul_vec"] = () => In("a").Matmul(In("v")),
        ["mm"] = () => In("a").Mm(In("c")),
        ["reshape"] = () => In("a").Reshape(4, 3),
        ["reshape_infer"] = () => In("m").Reshape(-1, 4),
        ["permute"] = () => In("m").Permute(2, 0, 1),
        ["transpose"] = () => In("m").Transpose(0, 2),
        ["t"] = () => In("a").T(),
        ["flatten1"] = () => In("m").Flatten(1),
        ["unsqueeze"] = () => In("a").Unsqueeze(1),
        ["squeeze"] = () => In("col").Squeeze(),
        ["expand"] = () => In("col").Expand(3, 4),
        ["slice"] = () => In("a").Slice(1, 1, 4, 2),
        ["select"] = () => In("m").Select(1, 1),
        ["narrow"] = () => In("m").Narrow(2, 1, 2),
        ["index_select"] = () => In("a").IndexSelect(0, In("idx")),
        ["cat0"] = () => Tensor.Cat([In("a"), In("b")], 0),
        ["cat1"] = () => Tensor.Cat([In("a"), In("col")], 1),
        ["stack1"] = () => Tensor.Stack([In("a"), In("b")], 1),
        ["contiguous_of_permute"] = () => In("m").Permute(1, 0, 2).Contiguous(),
    };

    public static TheoryData<string> OpNames() => new(Fixture.Names("ops"));

    [Theory]
    [MemberData(nameof(OpNames))]
    public void OpMatchesPyTorch(string op)
    {
        using var scope = DisposeScope.Begin();
        Assert.True(Ops.TryGetValue(op, out var run), $"The fixture has op '{op}' that the test does not map.");
        var expected = Fixture.Get("ops", op);
        var actual = run();
        var reduction = op.StartsWith("sum") || op.StartsWith("mean") || op.StartsWith("std") || op.StartsWith("var")
            || op.StartsWith("matmul") || op == "mm";
        AssertClose(expected, actual, reduction ? 1e-5 : 0, 1e-6);
    }

    [Fact]
    public void EveryMappedOpIsInTheFixture()
    {
        Assert.Equal(Ops.Keys.Order(), Fixture.Names("ops").Order());
    }

    [Fact]
    public void GradientsOfACompositeExpressionMatchPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var x = In("a").RequiresGrad_();
        var w = In("c").RequiresGrad_();
        var h = x.Matmul(w);
        var z = (h - h.Mean(1, keepDim: true)).Pow(2) / (h.Std() + 1);
        var loss = (z * 0.5).Sum() + x.Abs().Mean() + (x.Exp() * 0.01).Sum() + Tensor.Where(h.Gt(0), h, -h).Max(1).Sum();
        loss.Backward();
        // Gradients pass through several reductions: 1e-5 relative + 1e-5 absolute.
        AssertClose(Fixture.Get("grads", "loss"), loss, 1e-5, 1e-5);
        AssertClose(Fixture.Get("grads", "x_grad"), x.Grad!, 1e-5, 1e-5);
        AssertClose(Fixture.Get("grads", "w_grad"), w.Grad!, 1e-5, 1e-5);
    }

    internal static void AssertClose(Tensor expected, Tensor actual, double rtol, double atol)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.DType, actual.DType);
        if (!expected.DType.IsFloatingPoint())
        {
            Assert.True(expected.Equal(actual), $"expected {Format(expected)} but got {Format(actual)}");
            return;
        }
        var e = expected.ToArray<float>();
        var a = actual.ToArray<float>();
        for (var i = 0; i < e.Length; i++)
        {
            var bound = atol + rtol * Math.Abs(e[i]);
            Assert.True(Math.Abs(e[i] - a[i]) <= bound, $"element {i}: expected {e[i]:R} but got {a[i]:R} (bound {bound:G3})");
        }
    }

    private static string Format(Tensor t) => $"{t} [{string.Join(", ", t.ToFloatArray())}]";
}
