// Where a training step of the seed convnet (Fashion-MNIST, batch 64, RMSprop, 2 threads) spends its time, per
// operator, forward and backward, for ModelDsl with its fused kernels, ModelDsl with MDSL_KERNELS=off and the same
// network hand-written in TorchSharp. Prints a markdown table. Not a test.
// Usage: Profile [ROUNDS=3] [STEPS=60] [THREADS=2] [DATA_DIR] [WARMUP=10]
//        Profile child CONFIG STEPS WARMUP THREADS DATA_DIR     (one configuration; run by the parent)
//        Profile memory WAY [STEPS=400] [THREADS=2] [DATA_DIR]    (resident memory over steps: fit, fit-gc, loop, loader, handwritten)
using System.Globalization;
using ModelDsl.Benchmarks.Profile;

static int Arg(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

const string DefaultData = "/usr/share/datasets/fashion-mnist";
if (args.Length > 0 && args[0] == "child")
{
    return ChildRun.Run(args[1], Arg(args, 2, 60), Arg(args, 3, 10), Arg(args, 4, 2), args.Length > 5 ? args[5] : DefaultData);
}

if (args.Length > 0 && args[0] == "memory")
{
    return MemoryRun.Run(args[1], Arg(args, 2, 400), Arg(args, 3, 2), args.Length > 4 ? args[4] : DefaultData);
}

return ParentRun.Run(Arg(args, 0, 3), Arg(args, 1, 60), Arg(args, 4, 10), Arg(args, 2, 2), args.Length > 3 ? args[3] : DefaultData);
