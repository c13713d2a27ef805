namespace ModelDsl.Torch.Spec;

/// <summary>
/// An intermediate node of a spec module's tree (a block such as <c>features</c> or <c>layer1.0</c>):
/// it only holds children so state_dict keys become dotted paths; the root walks the graph.
/// </summary>
internal sealed class SpecContainer : Nn.Module
{
    private readonly string path;

    public SpecContainer(string path) => this.path = path;

    public Nn.Module Add(string name, Nn.Module child) => RegisterModule(name, child);

    public override Tensor Forward(Tensor input) =>
        throw new NotSupportedException($"'{path}' groups layers of a spec model; call Forward on the SpecModule, which walks the graph.");
}
