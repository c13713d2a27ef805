// Per-call cost of ModelDsl.Torch's tensor API on small tensors, where binding overhead (P/Invoke,
// handle objects, dispose scopes) shows most; pytorch_tensor_ops.py times the same cases in PyTorch.
// Usage: TensorOps [THREADS] [ROUNDS]. Prints "case=NAME us_per_call=X" lines (best of ROUNDS).
using System.Diagnostics;
using System.Globalization;
using ModelDsl.Torch;

var threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
TorchRuntime.SetThreads(threads);
TorchRuntime.ManualSeed(0);

using var root = DisposeScope.Begin();
var small = Tensor.Randn(4);
var other = Tensor.Randn(4);
var m = Tensor.Randn(64, 64);
var x = Tensor.Randn(32, 16);
var w = Tensor.Randn(16, 4).RequiresGrad_();

var cases = new (string Name, int Calls, Action Body)[]
{
    ("add_4", 20_000, () => _ = small + other),
    ("mul_scalar_4", 20_000, () => _ = small * 2.0),
    ("sum_4", 20_000, () => _ = small.Sum()),
    ("reshape_view", 20_000, () => _ = m.Reshape(4096)),
    ("matmul_64", 5_000, () => _ = m.Matmul(m)),
    ("item", 20_000, () => _ = small.Sum().ToScalar()),
    ("autograd_step", 2_000, () =>
    {
        var loss = (x.Matmul(w).Clamp(min: 0) - 1.0).Pow(2).Mean();
        loss.Backward();
        using (NoGradScope.Begin()) w.Add_(w.Grad!, -1e-3);
        w.Grad = null;
    }),
};

foreach (var (name, calls, body) in cases)
{
    var best = double.MaxValue;
    for (var r = 0; r < rounds; r++)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            // One scope per call, as a training loop has one per step: its cost is part of the measure.
            using var scope = DisposeScope.Begin();
            body();
        }
        best = Math.Min(best, clock.Elapsed.TotalMicroseconds / calls);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"case={name} us_per_call={best:F2}"));
}
