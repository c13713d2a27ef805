using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

public sealed partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor; set it on leaves (parameters, inputs).</summary>
    public bool RequiresGrad
    {
        get => NativeError.Check(KeepAlive(NativeMethods.mdsl_tensor_requires_grad(Ptr)), "requires_grad") != 0;
        set => InPlace(NativeMethods.mdsl_tensor_set_requires_grad(Ptr, value ? 1 : 0), "requires_grad_");
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for chaining.</summary>
    public Tensor RequiresGrad_(bool value = true)
    {
        RequiresGrad = value;
        return this;
    }

    /// <summary>Whether this tensor is a leaf of the graph (created by the user, not by a recorded op).</summary>
    public bool IsLeaf => NativeError.Check(KeepAlive(NativeMethods.mdsl_tensor_is_leaf(Ptr)), "is_leaf") != 0;

    /// <summary>
    /// The accumulated gradient (a new handle to it, tracked by the current scope), or null before any
    /// backward pass reached this tensor. Setting null clears it, as PyTorch's <c>p.grad = None</c>.
    /// </summary>
    public unsafe Tensor? Grad
    {
        get
        {
            IntPtr grad;
            InPlace(NativeMethods.mdsl_tensor_grad(Ptr, &grad), "grad");
            return grad == IntPtr.Zero ? null : new Tensor(grad, "grad");
        }
        set
        {
            if (value is null) InPlace(NativeMethods.mdsl_tensor_set_grad(Ptr, IntPtr.Zero), "grad");
            else InPlace(NativeMethods.mdsl_tensor_set_grad(Ptr, value.Ptr), "grad", value);
        }
    }

    /// <summary>Keeps the gradient of this non-leaf tensor after backward (leaves always keep theirs).</summary>
    public Tensor RetainGrad() => InPlace(NativeMethods.mdsl_tensor_retain_grad(Ptr), "retain_grad");

    /// <summary>
    /// Computes gradients of this tensor with respect to the graph's leaves, accumulating them into
    /// their <see cref="Grad"/>. Without <paramref name="gradient"/> this tensor must hold one element.
    /// </summary>
    /// <param name="gradient">The gradient of some scalar with respect to this tensor (same shape), if not a scalar.</param>
    /// <param name="retainGraph">Keep the graph so backward can run through it again.</param>
    /// <param name="createGraph">Record the backward pass itself, for higher-order gradients.</param>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        var status = NativeMethods.mdsl_tensor_backward(Ptr, gradient?.Ptr ?? IntPtr.Zero, retainGraph ? 1 : 0, createGraph ? 1 : 0);
        if (gradient is null) InPlace(status, "backward");
        else InPlace(status, "backward", gradient);
    }

    /// <summary>A tensor sharing this one's data but cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach() => Result(NativeMethods.mdsl_tensor_detach(Ptr), "detach", this);
}
