namespace ModelDsl.Torch.Nn;

/// <summary>Layers applied in order (torch.nn.Sequential); children are named "0", "1", ... as in PyTorch's state_dict.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> layers = [];

    /// <summary>Creates the sequence of <paramref name="modules"/>.</summary>
    public Sequential(params Module[] modules)
    {
        foreach (var m in modules) Append(m);
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => layers;

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public Module this[int index] => layers[index];

    /// <summary>Adds <paramref name="module"/> at the end under the next index; returns this sequence.</summary>
    public Sequential Append(Module module)
    {
        RegisterModule(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        layers.Add(module);
        return this;
    }

    /// <inheritdoc />
    /// <remarks>A <see cref="ReLU"/> directly followed by a <see cref="MaxPool2d"/> runs as one
    /// <see cref="MaxPool2d.ForwardRelu"/> call: the same values and gradients, without the ReLU pass over
    /// the whole feature map.</remarks>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i] is ReLU && i + 1 < layers.Count && layers[i + 1] is MaxPool2d pool)
            {
                x = pool.ForwardRelu(x);
                i++;
            }
            else
            {
                x = layers[i].Forward(x);
            }
        }
        return x;
    }
}
