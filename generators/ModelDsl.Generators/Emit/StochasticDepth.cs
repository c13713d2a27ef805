using System.Linq;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// Stochastic depth as a forward expression, torchvision's <c>ops.stochastic_depth</c> written out with
    /// TorchSharp ops (generated code references TorchSharp and ModelDsl.Runtime only, not TorchVision): the
    /// identity unless the model is training; in training the input times a Bernoulli(1 - p) keep mask scaled
    /// by 1/(1 - p), one draw per sample (<c>row</c>) or one for the whole batch (<c>batch</c>).
    /// </summary>
    internal static class StochasticDepth
    {
        /// <summary>The expression template (<c>{0}</c> is the input, a local, so reading it twice costs nothing).</summary>
        public static string Expression(StochasticDepthLayer layer, TensorShape input)
        {
            // torchvision returns the input unchanged when p is 0, in training too.
            if (layer.Probability <= 0) return "{0}";
            var survival = 1 - layer.Probability;
            var perSample = layer.Mode != "batch";
            var ones = string.Concat(Enumerable.Repeat(", 1", input.Rank));
            var size = (perSample ? "{0}.shape[0]" : "1") + ones;
            var literal = CSharp.Literal(survival);
            return "(this.training ? {0} * global::TorchSharp.torch.empty(new long[] {{ " + size + " }}, {0}.dtype, {0}.device)"
                + ".bernoulli_(" + literal + ").div_(" + literal + ") : {0})";
        }
    }
}
