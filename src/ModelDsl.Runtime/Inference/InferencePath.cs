using System.Runtime.CompilerServices;
using ModelDsl.Runtime.Spec;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// The inference plans of models, prepared once and reused: <see cref="For"/> returns the cached plan of a model while
/// its weights are unchanged, and builds a new one when they changed (training steps, <c>load_state_dict</c>, in-place
/// edits) — noticed by a digest of the parameters and buffers taken on every call (see the remarks).
/// </summary>
/// <remarks>
/// <para>Which models: <see cref="SpecModule"/> (spec and zoo models built at run time) and any module implementing
/// <see cref="IInferenceGraph"/> (every generated model without errors). Others get <see langword="null"/> and run their
/// own <c>forward</c>, as does a graph model whose graph the plan cannot follow (the reason is remembered, not retried).</para>
/// <para>Weight versions: TorchSharp does not expose libtorch's tensor version counter, so every <see cref="For"/> call
/// hashes the weights (about 10 ms per 100 MB). Call it once per batch loop (as <c>Trainer.Predict</c> does), not per
/// batch; after changing weights in a way you want to be sure is seen, or to release a plan's memory, call
/// <see cref="Invalidate"/>.</para>
/// <para>Opt-out: <see cref="Enabled"/> (default from the environment variable <c>MDSL_INFERENCE</c>: <c>off</c>,
/// <c>0</c> or <c>false</c> turn it off), or per trainer <c>Trainer.UseInferencePath</c>.</para>
/// </remarks>
public static class InferencePath
{
    /// <summary>The environment variable that turns the inference path off: <c>MDSL_INFERENCE=off</c>.</summary>
    public const string EnvironmentVariable = "MDSL_INFERENCE";

    private static readonly ConditionalWeakTable<nn.Module, Entry> Plans = new();

    /// <summary>Whether <see cref="For"/> returns plans at all (process-wide; default from <c>MDSL_INFERENCE</c>).</summary>
    public static bool Enabled { get; set; } = !Kernels.FusedKernels.IsOffSetting(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>
    /// The model's current inference plan, built (or rebuilt) when missing, built with other options, or older than the
    /// model's weights; null when the path is off, the model has no graph the plan can follow, or lives off the CPU.
    /// </summary>
    /// <param name="model">The model. The plan is cached with it and shared by every caller.</param>
    /// <param name="options">Preparation choices; <see cref="InferenceOptions.Default"/> when null.</param>
    /// <returns>The plan, owned by the cache: do not dispose it.</returns>
    public static InferencePlan? For(nn.Module<Tensor, Tensor> model, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Enabled) return null;
        var build = Builder(model);
        if (build is null) return null;
        if (model.parameters().Any(p => p.device_type != TorchSharp.DeviceType.CPU)) return null;
        options ??= InferenceOptions.Default;
        var entry = Plans.GetValue(model, _ => new Entry());
        lock (entry)
        {
            if (entry.Unsupported) return null;
            var fingerprint = WeightFingerprint.Of(model);
            if (entry.Plan is { } current && entry.Options == options && entry.Fingerprint == fingerprint) return current;
            entry.Plan?.Dispose();
            entry.Plan = null;
            try
            {
                entry.Plan = build(options);
            }
            catch (NotSupportedException) when (model is IInferenceGraph)
            {
                // A layer configuration the plan has no step for (the model's own forward handles it): not an error.
                entry.Unsupported = true;
                return null;
            }
            entry.Options = options;
            entry.Fingerprint = fingerprint;
            return entry.Plan;
        }
    }

    /// <summary>Whether <see cref="For"/> can prepare this model (ignoring <see cref="Enabled"/> and the device).</summary>
    public static bool Supports(nn.Module<Tensor, Tensor> model) => Builder(model ?? throw new ArgumentNullException(nameof(model))) is not null;

    /// <summary>Drops the model's cached plan and releases its prepared weights; the next <see cref="For"/> builds a new one.</summary>
    /// <param name="model">The model.</param>
    public static void Invalidate(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Plans.TryGetValue(model, out var entry)) return;
        lock (entry)
        {
            entry.Plan?.Dispose();
            entry.Plan = null;
            entry.Fingerprint = null;
        }
        Plans.Remove(model);
    }

    private static Func<InferenceOptions, InferencePlan>? Builder(nn.Module<Tensor, Tensor> model) => model switch
    {
        SpecModule spec => options => InferencePlanBuilder.Build(spec, options),
        IInferenceGraph graph => options => InferencePlanBuilder.Build(model, graph.Graph, options),
        _ => null,
    };

    private sealed class Entry
    {
        public InferencePlan? Plan { get; set; }

        public InferenceOptions? Options { get; set; }

        public WeightFingerprint? Fingerprint { get; set; }

        public bool Unsupported { get; set; }
    }
}
