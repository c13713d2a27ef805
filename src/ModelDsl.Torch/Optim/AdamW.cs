namespace ModelDsl.Torch.Optim;

/// <summary>AdamW (torch.optim.AdamW): weight decay applied to the parameter, decoupled from the gradient.</summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer with PyTorch's defaults (weight decay 0.01).</summary>
    public AdamW(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : this([new ParamGroup(parameters)], learningRate, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <summary>Creates the optimizer over parameter <paramref name="groups"/>.</summary>
    public AdamW(IEnumerable<ParamGroup> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(groups, learningRate, beta1, beta2, eps, weightDecay, amsgrad, decoupled: true)
    {
    }
}
