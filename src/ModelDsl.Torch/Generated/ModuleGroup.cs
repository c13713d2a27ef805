namespace ModelDsl.Torch.Nn;

/// <summary>
/// A named container of modules, like PyTorch's <c>nn.ModuleDict</c>: it gives generated models nested
/// module paths (<c>layer1.0.conv1</c>) so their <c>state_dict</c> keys equal torchvision's. It has no
/// forward computation of its own; the owning model's straight-line <c>Forward</c> calls the children.
/// </summary>
public sealed class ModuleGroup : Module
{
    /// <summary>Registers <paramref name="module"/> under <paramref name="name"/> and returns it.</summary>
    public T Add<T>(string name, T module)
        where T : Module => RegisterModule(name, module);

    /// <summary>The child group called <paramref name="name"/>, created on first use.</summary>
    public ModuleGroup Group(string name)
    {
        foreach (var (childName, child) in NamedChildren())
        {
            if (childName == name && child is ModuleGroup group) return group;
        }
        return Add(name, new ModuleGroup());
    }

    /// <summary>Not supported: a group only names its children (as <c>nn.ModuleDict</c>, which has no forward).</summary>
    public override Tensor Forward(Tensor input) =>
        throw new NotSupportedException("A ModuleGroup only names its children; call the model that owns it.");
}
