using System.Globalization;
using FashionMnist;
using ModelDsl.Runtime.Kernels;
using ModelDsl.Training;
using ModelDsl.Training.Callbacks;
using ModelDsl.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// Where resident memory grows during training: runs STEPS steps one way and prints, every 100 steps, resident memory
/// (VmRSS), its high-water mark (VmHWM), garbage collections, live TorchSharp tensors and custom autograd nodes, and
/// glibc's heap (bytes in use against bytes free inside the heap), so growth per step can be attributed. Ways:
/// <c>fit</c> (Trainer.Fit, the main job's path), <c>fit-gc</c> (the same with a full collection and finalizers every
/// 50 steps), <c>fit-fused</c> (the same with <see cref="ModelDsl.Runtime.Kernels.RMSProp"/>), <c>loop</c> (the Trainer's step in a plain
/// loop over batches made on this thread), <c>loader</c> (that loop over the DataLoader's prefetched batches),
/// <c>handwritten</c> (the TorchSharp baseline's loop).
/// </summary>
internal static class MemoryRun
{
    public static int Run(string way, int steps, int threads, string dataDir)
    {
        torch.set_num_threads(threads);
        torch.manual_seed(1);
        Report("start", 0);
        if (way == "handwritten")
        {
            using var side = new HandWrittenSide(dataDir);
            Report("data loaded", 0);
            for (var i = 1; i <= steps; i++)
            {
                side.WholeStep();
                if (i % 100 == 0) Report(way, i);
            }
            return 0;
        }

        if (way is "loop" or "loader")
        {
            using var side = new ModelDslSide(dataDir);
            Report("data loaded", 0);
            var loader = new DataLoader(side.Data, 64, shuffle: true, seed: 1, prefetch: way == "loader" ? 2 : 0);
            var i = 0;
            foreach (var batch in loader.Epoch())
            {
                using (batch) side.Step(batch);
                if (++i % 100 == 0) Report(way, i);
                if (i == steps) break;
            }
            Report("end", i);
            return 0;
        }

        if (way is not ("fit" or "fit-gc" or "fit-fused")) throw new ArgumentException($"unknown way '{way}'");
        var data = MnistDataSet.Load(dataDir, TargetEncoding.OneHot).Train;
        var train = data.Take(Math.Min(steps * 64, data.Count));
        Report("data loaded", 0);
        using var model = new FashionConvNet();
        using var fused = new ModelDsl.Runtime.Kernels.RMSProp(model.parameters(), lr: 1e-3, alpha: 0.9, eps: Optimizers.KerasEpsilon);
        using var trainer = way == "fit-fused"
            ? new Trainer(model, fused, "categorical_crossentropy", "accuracy")
            : new Trainer(model, "rmsprop", "categorical_crossentropy", "accuracy");
        var hook = new LambdaCallback(onBatchEnd: (b, _) =>
        {
            if (way == "fit-gc" && b % 50 == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            if ((b + 1) % 100 == 0) Report(way, b + 1);
        });
        trainer.Fit(train, epochs: 1, batchSize: 64, seed: 1, verbose: 0, callbacks: [hook]);
        Report("end", steps);
        return 0;
    }

    // glibc's view of its heap: bytes handed out (in use) and bytes free inside the heap (kept, not returned).
    private static string Malloc()
    {
        if (!OperatingSystem.IsLinux()) return "";
        var info = MallInfo2();
        return $"malloc in use {info.Uordblks / 1024} kB, free in heap {info.Fordblks / 1024} kB, mmapped {info.Hblkhd / 1024} kB";
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo MallInfo2();

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct MallInfo
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    // TorchSharp keeps every custom autograd node in a private static list until libtorch deletes the node.
    private static int AliveNodes()
    {
        var node = typeof(torch.autograd).Assembly.GetType("TorchSharp.torch+autograd+Node");
        var list = node?.GetField("AliveNodes", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)?.GetValue(null);
        return list is System.Collections.ICollection c ? c.Count : -1;
    }

    private static void Report(string what, int step)
    {
        var status = File.ReadAllLines("/proc/self/status");
        string Field(string name) => status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-12} step {step,5}  VmRSS {Field("VmRSS"),12}  VmHWM {Field("VmHWM"),12}  RssAnon {Field("RssAnon"),12}  gen0 {GC.CollectionCount(0)} gen2 {GC.CollectionCount(2)}  managed {GC.GetTotalMemory(false) / 1024} kB  live tensors {Tensor.TotalCount}  created outside scopes here {DisposeScopeManager.Statistics.CreatedOutsideScopeCount}  alive autograd nodes {AliveNodes()}  {Malloc()}"));
    }
}
