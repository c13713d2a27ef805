using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// The configuration of one layer (immutable, equatable). Each kind lives in its own file with its
    /// catalogue entry and its shape/parameter rule, like Keras's compute_output_shape and build.
    /// </summary>
    public abstract record LayerSpec
    {
        /// <summary>The kind, for switches in the generator and the runtime.</summary>
        public abstract LayerKind Kind { get; }

        /// <summary>The activation applied by this layer (fused or standalone); Linear when none.</summary>
        public virtual ActivationKind AppliedActivation => ActivationKind.Linear;

        /// <summary>Infers the output shape, weights and mult-adds; reports problems through <paramref name="context"/>.</summary>
        public abstract LayerOutcome Infer(LayerContext context);

        /// <summary>True for layers that act only in training (dropout, random augmentation) and are the identity at inference.</summary>
        public virtual bool IsTrainingOnly => false;

        /// <summary>Kernel size shown in the torchinfo summary (null when the layer has none).</summary>
        public virtual IntPair? KernelSize => null;
    }
}
