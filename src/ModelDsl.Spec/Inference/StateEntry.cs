using ModelDsl.Spec.Layers;

namespace ModelDsl.Spec.Inference
{
    /// <summary>One state_dict entry derived from the IR.</summary>
    /// <param name="Key">The full key, <c>layer1.0.conv1.weight</c>.</param>
    /// <param name="NodeId">The owning node.</param>
    /// <param name="Tensor">Name, shape and role.</param>
    public sealed record StateEntry(string Key, int NodeId, WeightTensor Tensor);
}
