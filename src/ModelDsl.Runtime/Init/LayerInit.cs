using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Init;

/// <summary>
/// Applies an <see cref="InitPolicy"/> to the layers TorchSharp initialises PyTorch's way. TorchSharp has
/// the initialisers (<c>torch.nn.init</c>); what it lacks is Keras's defaults as a policy over a whole model.
/// </summary>
public static class LayerInit
{
    private static volatile InitPolicy defaultPolicy = InitPolicy.Keras;

    /// <summary>The policy generated and spec-built models use when none is given (Keras's unless changed).</summary>
    public static InitPolicy DefaultPolicy
    {
        get => defaultPolicy;
        set => defaultPolicy = value;
    }

    /// <summary>Initialises one kernel and its optional bias by <paramref name="policy"/> (or <see cref="DefaultPolicy"/>).</summary>
    /// <param name="weight">The kernel [out, in, k...].</param>
    /// <param name="bias">The bias, if any.</param>
    /// <param name="policy">The policy; null means <see cref="DefaultPolicy"/>.</param>
    public static void InitLayer(Tensor weight, Tensor? bias, InitPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var _ = no_grad();
        if ((policy ?? DefaultPolicy) == InitPolicy.Keras)
        {
            nn.init.xavier_uniform_(weight);
            if (bias is not null) nn.init.zeros_(bias);
            return;
        }
        // torch.nn.Linear/Conv2d.reset_parameters.
        nn.init.kaiming_uniform_(weight, Math.Sqrt(5));
        if (bias is not null)
        {
            var fanIn = weight.shape[1];
            for (var i = 2; i < weight.shape.Length; i++) fanIn *= weight.shape[i];
            var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    /// <summary>
    /// Initialises <paramref name="module"/> and every <see cref="Conv2d"/>, <see cref="Linear"/> and <see cref="Conv1d"/> under it
    /// by <paramref name="policy"/>; other layers (BatchNorm: ones and zeros in both frameworks) are left as built.
    /// </summary>
    /// <param name="module">The model or layer.</param>
    /// <param name="policy">The policy; null means <see cref="DefaultPolicy"/>.</param>
    public static void Apply(nn.Module module, InitPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        // TorchSharp's modules() lists the descendants only (PyTorch's includes the module itself).
        foreach (var m in module.modules().Prepend(module))
        {
            switch (m)
            {
                case Conv2d conv: InitLayer(conv.weight!, conv.bias, policy); break;
                case Linear linear: InitLayer(linear.weight!, linear.bias, policy); break;
                case Conv1d conv1: InitLayer(conv1.weight!, conv1.bias, policy); break;
            }
        }
    }
}
