using System.Runtime.CompilerServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Transfer;

/// <summary>
/// Keras's rule for a frozen BatchNormalization (since 2.1.3): it normalises with its running statistics and
/// leaves them alone even when the model trains. TorchSharp's <c>train()</c> reaches every child, so a frozen
/// BatchNorm gets a forward pre-hook that puts it back in eval mode before it runs; unfreezing turns the hook
/// off and gives the layer its owner's mode again.
/// </summary>
internal static class FrozenBatchNorm
{
    private sealed class State
    {
        public bool Frozen;
    }

    private static readonly ConditionalWeakTable<BatchNorm, State> States = new();

    /// <summary>Whether <paramref name="batchNorm"/> was frozen through <see cref="Freezing"/>.</summary>
    public static bool IsFrozen(BatchNorm batchNorm) => States.TryGetValue(batchNorm, out var state) && state.Frozen;

    /// <summary>Applies the rule to every BatchNorm in <paramref name="module"/> (itself included).</summary>
    /// <param name="module">A layer or a block of layers.</param>
    /// <param name="frozen">Whether the layers are now frozen.</param>
    /// <param name="ownerTraining">The training mode an unfrozen BatchNorm goes back to.</param>
    public static void Set(nn.Module module, bool frozen, bool ownerTraining)
    {
        foreach (var batchNorm in module.modules().Prepend(module).OfType<BatchNorm>())
        {
            var state = States.GetValue(batchNorm, Hook);
            state.Frozen = frozen;
            batchNorm.train(!frozen && ownerTraining);
        }
    }

    private static State Hook(BatchNorm batchNorm)
    {
        var state = new State();
        batchNorm.register_forward_pre_hook((layer, input) =>
        {
            if (state.Frozen && layer.training) layer.eval();
            return input;
        });
        return state;
    }
}
