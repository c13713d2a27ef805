// The fused CPU kernels against the TorchSharp operators they replace, forward + backward, on the seed convnet's
// shapes (batch 64). Sides alternate within every round; medians and spreads are printed.
// Usage: dotnet run -c Release -- [rounds] [calls-per-sample] [torch-threads] [which: pool,conv,block,rmsprop,adam,sgd]
using ModelDsl.Benchmarks.Kernels;
using ModelDsl.Runtime.Kernels;
using TorchSharp;

var rounds = args.Length > 0 ? int.Parse(args[0]) : 9;
var calls = args.Length > 1 ? int.Parse(args[1]) : 20;
if (args.Length > 2)
{
    // Both sides follow it: the fused kernels use as many threads as libtorch does.
    torch.set_num_threads(int.Parse(args[2]));
}

Console.WriteLine($"torch threads {torch.get_num_threads()}, {Environment.ProcessorCount} cores, {rounds} rounds x {calls} calls; "
    + $"fused kernels {(FusedKernels.Enabled ? "on" : "OFF (MDSL_KERNELS)")}");

var which = args.Length > 3 ? args[3].Split(',') : ["pool", "conv", "block", "rmsprop", "adam", "sgd"];
if (which.Contains("pool")) PoolBenchmark.Run(rounds, calls);
if (which.Contains("conv")) InputConvBenchmark.Run(rounds, calls);
if (which.Contains("block")) InputBlockBenchmark.Run(rounds, calls);
if (which.Contains("rmsprop")) RmsPropBenchmark.Run(rounds, calls);
if (which.Contains("adam")) AdamSgdBenchmark.RunAdam(rounds, calls);
if (which.Contains("sgd")) AdamSgdBenchmark.RunSgd(rounds, calls);
