using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

public partial class SpecModule
{
    /// <summary>Runs the graph on a batch (N, <see cref="InputShape"/>...).</summary>
    /// <param name="input">The batch; not disposed.</param>
    /// <returns>The output (probabilities when <see cref="OutputIsProbabilities"/>).</returns>
    /// <exception cref="ShapeMismatchException">The input is not (N, <see cref="InputShape"/>...).</exception>
    public override Tensor forward(Tensor input) => Run(input, Graph.Nodes.Count - 1, applyLastActivation: true);

    /// <summary>The output before the final softmax (the same as <see cref="forward"/> when the model does not end in softmax).</summary>
    /// <param name="input">The batch; not disposed.</param>
    /// <exception cref="ShapeMismatchException">The input is not (N, <see cref="InputShape"/>...).</exception>
    public Tensor ForwardLogits(Tensor input) =>
        Run(input, logitsNode, applyLastActivation: logitsNode != Graph.Nodes.Count - 1 || !OutputIsProbabilities);

    private Tensor Run(Tensor input, int last, bool applyLastActivation)
    {
        ArgumentNullException.ThrowIfNull(input);
        InputGuard.Check(input, sampleShape, Graph.Name, "input");
        var values = new Tensor?[last + 1];
        values[0] = input;
        for (var id = 1; id <= last; id++)
        {
            var node = Graph.Nodes[id];
            var y = Evaluate(node, values, id < last || applyLastActivation);
            // A layer may hand back its input object: give it its own handle, so releasing one node's
            // value never releases another's or the caller's input.
            if (node.Inputs.Any(i => ReferenceEquals(values[i], y))) y = y.alias();
            values[id] = y;
            // Intermediates are released as soon as their last reader has run (autograd keeps what it needs).
            foreach (var i in node.Inputs.Distinct())
            {
                if (i != 0 && lastUse[i] <= id)
                {
                    values[i]!.Dispose();
                    values[i] = null;
                }
            }
        }
        return values[last]!;
    }

    private Tensor Evaluate(GraphNode node, Tensor?[] values, bool activate)
    {
        var inputs = node.Inputs.Select(i => values[i] ?? throw new InvalidOperationException($"Input {i} of '{node.ModulePath}' was released early.")).ToArray();
        Tensor y;
        switch (node.Layer)
        {
            case AddLayer:
                y = inputs[0].add(inputs[1]);
                for (var k = 2; k < inputs.Length; k++) y = y.add_(inputs[k]);
                break;
            case MultiplyLayer:
                // Broadcasting (a squeeze-excitation gate [N, C, 1, 1] times [N, C, H, W]): the shape may grow, so not in place.
                y = inputs[0].mul(inputs[1]);
                for (var k = 2; k < inputs.Length; k++)
                {
                    var product = y.mul(inputs[k]);
                    y.Dispose();
                    y = product;
                }
                break;
            case ConcatenateLayer c:
                y = cat(inputs, c.Axis);
                break;
            case ActivationLayer:
                return activate ? built[node.Id].Module!.call(inputs[0]) : inputs[0];
            default:
                y = CallLayer(built[node.Id], inputs[0]);
                break;
        }
        if (!activate || node.Layer.AppliedActivation == ActivationKind.Linear) return y;
        var activated = SpecActivations.Apply(node.Layer.AppliedActivation, y);
        y.Dispose();
        return activated;
    }

    private static Tensor CallLayer(BuiltLayer layer, Tensor x)
    {
        if (layer.InputPads is not { } p) return layer.Module!.call(x);
        using var padded = nn.functional.pad(x, (p.Left, p.Right, p.Top, p.Bottom), TorchSharp.PaddingModes.Constant, layer.PadValue);
        return layer.Module!.call(padded);
    }

    // A softmax-ended model's logits are the input of a final softmax layer, or a dense layer's output before its fused softmax.
    private int FindLogitsNode()
    {
        var output = Graph.Output!;
        return output.Layer is ActivationLayer { Activation: ActivationKind.Softmax } && output.Inputs.Count == 1 && output.Inputs[0] != 0
            ? output.Inputs[0]
            : output.Id;
    }

    // The runtime check that the built modules hold exactly what the summary counts (torch convention).
    private void CheckStateCounts()
    {
        var parameterCount = parameters().Sum(p => p.numel());
        var buffers = named_buffers(include_nonpersistent: false).Sum(b => b.buffer.numel());
        if (parameterCount != Inference.TorchParams || buffers != Inference.TorchBufferElements)
        {
            throw new SpecModelException(Graph.Name,
                $"the built modules hold {parameterCount:N0} parameters and {buffers:N0} buffer elements but the summary counts " +
                $"{Inference.TorchParams:N0} and {Inference.TorchBufferElements:N0}; a registered layer factory builds a module that does not match the layer's declared weights.");
        }
    }
}
