using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// Registers modules under dotted paths (<c>layer1.0.conv1</c>) through TorchSharp's <see cref="ModuleDict{T}"/>,
/// so state_dict keys are the paths. A ModuleDict registers its children once, when it is itself registered,
/// so the tree is collected first and materialised bottom-up.
/// </summary>
internal sealed class SpecModuleTree
{
    private readonly List<(string Name, object Child)> children = [];

    /// <summary>Adds <paramref name="module"/> at <paramref name="path"/>; false when the path collides with another layer's.</summary>
    public bool Add(string path, nn.Module module)
    {
        var segments = path.Split('.');
        var node = this;
        for (var s = 0; s < segments.Length - 1; s++)
        {
            var existing = node.children.FirstOrDefault(c => c.Name == segments[s]).Child;
            switch (existing)
            {
                case null:
                    var created = new SpecModuleTree();
                    node.children.Add((segments[s], created));
                    node = created;
                    break;
                case SpecModuleTree tree:
                    node = tree;
                    break;
                default:
                    return false;
            }
        }
        if (node.children.Any(c => c.Name == segments[^1])) return false;
        node.children.Add((segments[^1], module));
        return true;
    }

    /// <summary>Hands each top-level entry, its subtree materialised, to <paramref name="register"/> (the owner's <c>register_module</c>).</summary>
    public void RegisterOn(Action<string, nn.Module> register)
    {
        foreach (var (name, child) in children) register(name, Materialise(child));
    }

    private static nn.Module Materialise(object child)
    {
        if (child is not SpecModuleTree tree) return (nn.Module)child;
        var dict = new ModuleDict<nn.Module>();
        foreach (var (name, grandchild) in tree.children) dict.Add(name, Materialise(grandchild));
        return dict;
    }
}
