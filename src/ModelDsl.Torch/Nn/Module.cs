using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

/// <summary>
/// A network or layer: named parameters, buffers and child modules, registered in order, whose dotted
/// names (<c>features.0.weight</c>, <c>layer1.0.bn1.running_mean</c>) are PyTorch's state_dict keys.
/// </summary>
/// <remarks>
/// A module owns its parameters and buffers: they are taken out of any <see cref="DisposeScope"/> when
/// registered and released by <see cref="Dispose()"/>. <see cref="Trainable"/> follows Keras: a frozen
/// module's parameters do not require grad and its batch norms run in inference mode.
/// </remarks>
public abstract partial class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor?>> parameters = [];
    private readonly List<KeyValuePair<string, Tensor?>> buffers = [];
    private readonly List<KeyValuePair<string, Module>> children = [];
    private bool trainable = true;
    private bool disposed;

    /// <summary>Computes the output for <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Shorthand for <see cref="Forward"/>.</summary>
    public Tensor Call(Tensor input) => Forward(input);

    /// <summary>Whether the module is in training mode (dropout active, batch statistics used); see <see cref="Train"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>
    /// Keras's <c>trainable</c>: false freezes this module and every child (parameters stop requiring grad,
    /// batch norms use their running statistics even while the model trains); true unfreezes them all.
    /// </summary>
    public bool Trainable
    {
        get => trainable;
        set
        {
            trainable = value;
            foreach (var (_, p) in parameters)
            {
                if (p is not null) p.RequiresGrad = value;
            }
            foreach (var (_, child) in children) child.Trainable = value;
        }
    }

    /// <summary>Sets training mode on this module and every descendant; returns this module.</summary>
    public Module Train(bool on = true)
    {
        IsTraining = on;
        foreach (var (_, child) in children) child.Train(on);
        return this;
    }

    /// <summary>Sets inference mode on this module and every descendant; returns this module.</summary>
    public Module Eval() => Train(false);

    /// <summary>Registers a parameter under <paramref name="name"/>; it requires grad unless this module is frozen.</summary>
    /// <returns><paramref name="parameter"/>, now owned by this module.</returns>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckNewName(name);
        parameter.DetachFromScope();
        parameter.RequiresGrad = trainable;
        parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a tensor that is state but not trained (running statistics), saved in the state_dict.</summary>
    /// <returns><paramref name="buffer"/>, now owned by this module.</returns>
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckNewName(name);
        buffer.DetachFromScope();
        buffers.Add(new(name, buffer));
        return buffer;
    }

    /// <summary>Registers a child module; its state appears under <c>name.</c> in the state_dict.</summary>
    /// <returns><paramref name="module"/>, now owned by this module.</returns>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckNewName(name);
        if (ReferenceEquals(module, this)) throw new ArgumentException("A module cannot be its own child.", nameof(module));
        children.Add(new(name, module));
        module.Train(IsTraining);
        if (!trainable) module.Trainable = false;
        return module;
    }

    private void CheckNewName(string name)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
        {
            throw new ArgumentException($"A state name must be non-empty and contain no '.', got \"{name}\".", nameof(name));
        }
        if (parameters.Exists(p => p.Key == name) || buffers.Exists(b => b.Key == name) || children.Exists(c => c.Key == name))
        {
            throw new ArgumentException($"{GetType().Name} already has a member named \"{name}\".", nameof(name));
        }
    }

    /// <summary>Parameters with their dotted names, in registration order, this module's before its children's.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters(bool recurse = true) =>
        Collect(m => m.parameters, recurse);

    /// <summary>The parameters of <see cref="NamedParameters"/>, without names (what an optimizer takes).</summary>
    public IEnumerable<Tensor> Parameters(bool recurse = true) => NamedParameters(recurse).Select(p => p.Value);

    /// <summary>Buffers with their dotted names (running statistics, <c>num_batches_tracked</c>).</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers(bool recurse = true) => Collect(m => m.buffers, recurse);

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => children;

    /// <summary>This module (named "") and every descendant, pre-order, with dotted names.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules()
    {
        yield return new(string.Empty, this);
        foreach (var (name, child) in children)
        {
            foreach (var (sub, module) in child.NamedModules())
            {
                yield return new(sub.Length == 0 ? name : $"{name}.{sub}", module);
            }
        }
    }

    private IEnumerable<KeyValuePair<string, Tensor>> Collect(Func<Module, List<KeyValuePair<string, Tensor?>>> select, bool recurse)
    {
        var modules = recurse ? NamedModules() : [new(string.Empty, this)];
        foreach (var (prefix, module) in modules)
        {
            foreach (var (name, tensor) in select(module))
            {
                if (tensor is not null) yield return new(prefix.Length == 0 ? name : $"{prefix}.{name}", tensor);
            }
        }
    }

    /// <summary>Disposes the parameters, buffers and children.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the module's tensors when <paramref name="disposing"/>; subclasses holding other native state override it.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing) return;
        disposed = true;
        foreach (var (_, p) in parameters) p?.Dispose();
        foreach (var (_, b) in buffers) b?.Dispose();
        foreach (var (_, c) in children) c.Dispose();
    }
}
