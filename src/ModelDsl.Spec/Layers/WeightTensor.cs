using ModelDsl.Spec.Collections;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// One tensor a layer owns, named as in PyTorch's state_dict (<c>weight</c>, <c>bias</c>,
    /// <c>running_mean</c>, ...) with PyTorch's full shape (conv weight <c>[out, in/groups, kh, kw]</c>).
    /// </summary>
    /// <param name="Name">The local name; the state_dict key is <c>modulePath + "." + Name</c>.</param>
    /// <param name="Shape">The full shape (empty for a scalar).</param>
    /// <param name="Role">How it is counted.</param>
    public sealed record WeightTensor(string Name, EquatableArray<int> Shape, WeightRole Role)
    {
        /// <summary>Creates a tensor description.</summary>
        public static WeightTensor Of(string name, WeightRole role, params int[] shape) => new WeightTensor(name, shape.ToEquatableArray(), role);

        /// <summary>Number of elements.</summary>
        /// <exception cref="ModelDsl.Spec.Shapes.ShapeOverflowException">The count exceeds 64 bits.</exception>
        public long ElementCount => ModelDsl.Spec.Shapes.ShapeArithmetic.Product(Shape, "the element count of '" + Name + "'");

        /// <summary>True when PyTorch registers it as a buffer rather than a parameter.</summary>
        public bool IsTorchBuffer => Role != WeightRole.Trainable;
    }
}
