using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Optim;

/// <summary>
/// Updates parameters from their gradients. Each <see cref="Step"/> is one native call per parameter group
/// that updates every parameter in place without autograd. Parameters without a gradient or with
/// RequiresGrad false (frozen) are skipped, so freezing after construction takes effect at once.
/// </summary>
/// <remarks>
/// State (moment estimates, per-parameter step counts) is allocated when the optimizer is built, owned by
/// it and released by <see cref="Dispose"/>; <see cref="StateDict"/> exposes it for checkpoints.
/// Parameters must outlive the optimizer.
/// </remarks>
public abstract class Optimizer : IDisposable
{
    private readonly GroupState[] groups;
    private bool disposed;

    /// <summary>Creates the optimizer over <paramref name="groups"/> with state tensors named <paramref name="stateNames"/> per parameter.</summary>
    private protected Optimizer(IEnumerable<ParamGroup> groups, double learningRate, IReadOnlyList<string> stateNames)
    {
        ArgumentNullException.ThrowIfNull(groups);
        CheckLearningRate(learningRate);
        StateNames = stateNames;
        this.groups = [.. groups.Select(g => new GroupState(g, learningRate, stateNames.Count))];
        if (this.groups.Length == 0) throw new ArgumentException("An optimizer needs at least one parameter group.", nameof(groups));
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var p in this.groups.SelectMany(g => g.Group.Parameters))
        {
            if (!seen.Add(p)) throw new ArgumentException("A parameter appears more than once in the optimizer's groups.", nameof(groups));
        }
    }

    /// <summary>The parameter groups, in order.</summary>
    public IEnumerable<ParamGroup> ParamGroups => groups.Select(g => g.Group);

    /// <summary>The names of the per-parameter state tensors (e.g. <c>exp_avg</c>), as in PyTorch's state_dict.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>The first group's learning rate; setting it sets every group's (what schedulers use).</summary>
    public double LearningRate
    {
        get => groups[0].Group.LearningRate;
        set
        {
            CheckLearningRate(value);
            foreach (var g in groups) g.Group.LearningRate = value;
        }
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (var g in groups)
        {
            g.CheckAlive();
            NativeError.Check(StepGroup(g.Pointers, g.StatePointers, g.Steps, g.Group.LearningRate), $"{GetType().Name.ToLowerInvariant()}.step");
            GC.KeepAlive(g);
        }
    }

    /// <summary>Updates one group: parameters, state tensors (indexed [state name][parameter]) and step counts.</summary>
    /// <returns>The native status (negative on failure).</returns>
    private protected abstract int StepGroup(IntPtr[] parameters, IntPtr[][] state, long[] steps, double learningRate);

    /// <summary>Clears gradients: drops them (default, as PyTorch 2) or zeroes them in place.</summary>
    public unsafe void ZeroGrad(bool setToNone = true)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (var g in groups)
        {
            g.CheckAlive();
            fixed (IntPtr* p = g.Pointers)
            {
                NativeError.Check(NativeMethods.mdsl_optim_zero_grad(p, g.Pointers.Length, setToNone ? 1 : 0), "zero_grad");
            }
            GC.KeepAlive(g);
        }
    }

    /// <summary>
    /// The optimizer's state by name: <c>state.{i}.{name}</c> and <c>state.{i}.step</c> per parameter
    /// (numbered across groups as PyTorch does) and <c>param_groups.{g}.lr</c>. State tensors are the
    /// optimizer's own; the step and learning-rate scalars are new tensors the caller owns.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var dict = new Dictionary<string, Tensor>();
        var index = 0;
        for (var gi = 0; gi < groups.Length; gi++)
        {
            var g = groups[gi];
            dict.Add($"param_groups.{gi}.lr", Tensor.Scalar(g.Group.LearningRate, DType.Float64));
            for (var i = 0; i < g.Steps.Length; i++, index++)
            {
                for (var s = 0; s < StateNames.Count; s++) dict.Add($"state.{index}.{StateNames[s]}", g.State[s][i]);
                dict.Add($"state.{index}.step", Tensor.Scalar(g.Steps[i], DType.Int64));
            }
        }
        return dict;
    }

    /// <summary>Restores state saved by <see cref="StateDict"/> (copied in place), so training resumes exactly.</summary>
    /// <exception cref="InvalidOperationException">A key is missing or a shape differs; the message names it.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Tensor Get(string key) => state.TryGetValue(key, out var t) ? t
            : throw new InvalidOperationException($"The optimizer state_dict has no \"{key}\" ({GetType().Name} with {groups.Length} group(s)).");
        var index = 0;
        for (var gi = 0; gi < groups.Length; gi++)
        {
            var g = groups[gi];
            var lr = Get($"param_groups.{gi}.lr").ToScalar();
            var steps = new long[g.Steps.Length];
            for (var i = 0; i < steps.Length; i++, index++)
            {
                for (var s = 0; s < StateNames.Count; s++)
                {
                    var key = $"state.{index}.{StateNames[s]}";
                    NativeError.Check(NativeMethods.mdsl_nn_load_state_(g.State[s][i].Ptr, Get(key).Ptr), $"optimizer load_state_dict({key})");
                }
                steps[i] = (long)Get($"state.{index}.step").ToScalar();
            }
            steps.CopyTo(g.Steps, 0);
            g.Group.LearningRate = lr;
        }
    }

    /// <summary>Releases the state tensors.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var g in groups) g.Dispose();
        GC.SuppressFinalize(this);
    }

    internal static void CheckLearningRate(double lr)
    {
        if (!(lr >= 0) || double.IsInfinity(lr)) throw new ArgumentOutOfRangeException(nameof(lr), $"The learning rate must be a finite non-negative number, got {lr}.");
    }

    /// <summary>A group with its native pointers cached, so a step allocates nothing.</summary>
    private sealed class GroupState : IDisposable
    {
        internal GroupState(ParamGroup group, double defaultLr, int stateCount)
        {
            Group = group;
            if (double.IsNaN(group.LearningRate)) group.LearningRate = defaultLr;
            Pointers = [.. group.Parameters.Select(p => p.Ptr)];
            Steps = new long[Pointers.Length];
            State = new Tensor[stateCount][];
            StatePointers = new IntPtr[stateCount][];
            for (var s = 0; s < stateCount; s++) (State[s], StatePointers[s]) = ZerosLike(Pointers);
            GC.KeepAlive(group);
        }

        internal ParamGroup Group { get; }

        internal IntPtr[] Pointers { get; }

        internal long[] Steps { get; }

        internal Tensor[][] State { get; }

        internal IntPtr[][] StatePointers { get; }

        internal void CheckAlive()
        {
            foreach (var p in Group.Parameters) ObjectDisposedException.ThrowIf(p.IsClosed, p);
        }

        public void Dispose()
        {
            foreach (var t in State.SelectMany(s => s)) t.Dispose();
        }

        private static unsafe (Tensor[], IntPtr[]) ZerosLike(IntPtr[] parameters)
        {
            var handles = new IntPtr[parameters.Length];
            fixed (IntPtr* p = parameters)
            fixed (IntPtr* h = handles)
            {
                NativeError.Check(NativeMethods.mdsl_optim_zeros_like(p, parameters.Length, h), "optimizer state");
            }
            var tensors = handles.Select(h => new Tensor(h, "optimizer state").DetachFromScope()).ToArray();
            return (tensors, handles);
        }
    }
}
