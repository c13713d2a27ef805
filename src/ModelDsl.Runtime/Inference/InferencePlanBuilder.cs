using ModelDsl.Runtime.Spec;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// Lowers a spec model's graph and its TorchSharp modules to an <see cref="InferencePlan"/>: walks the nodes in
/// topological order and merges what the static layer sequence allows — a convolution or dense layer with the
/// BatchNorm that is its only reader, then with the activation that is the only reader of that, and ReLU with a
/// following 2x2 max-pool — copying and preparing the weights once.
/// </summary>
public static class InferencePlanBuilder
{
    /// <summary>Prepares a spec-built model (see <see cref="SpecModule"/>).</summary>
    /// <param name="model">The model; its weights are copied, the model is not changed.</param>
    /// <param name="options">Preparation choices; <see cref="InferenceOptions.Default"/> when null.</param>
    /// <returns>A plan the caller owns (dispose it).</returns>
    /// <exception cref="NotSupportedException">A layer cannot be prepared (e.g. a BatchNorm without running statistics).</exception>
    public static InferencePlan Build(SpecModule model, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Build(model.Compilation, id => model.Layers[id].Module, options, bindsByPath: false);
    }

    /// <summary>
    /// Prepares any TorchSharp module whose layers are registered under the module paths of a compiled spec, e.g. a
    /// generated model and the spec (or zoo model) it was generated from: each layer's module is looked up by its path;
    /// weightless layers the module does not register (generated code calls flatten, global pooling, channel shuffle...
    /// inline) run through modules the plan builds and owns.
    /// </summary>
    /// <param name="model">The module holding the layers.</param>
    /// <param name="compilation">The spec's compilation (<see cref="SpecModule.Compile"/>, <see cref="SpecModule.CompileZoo"/>).</param>
    /// <param name="options">Preparation choices; <see cref="InferenceOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The compilation has errors, or a layer with weights has no module at its path.</exception>
    /// <exception cref="NotSupportedException">A layer's configuration has no step (e.g. average pooling with asymmetric pads).</exception>
    public static InferencePlan Build(nn.Module model, ModelDsl.Spec.Language.ModelCompilation compilation, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(compilation);
        var byPath = model.named_modules().ToDictionary(m => m.name, m => m.module, StringComparer.Ordinal);
        return Build(compilation, id =>
        {
            var node = compilation.Graph!.Nodes[id];
            return byPath.TryGetValue(node.ModulePath, out var m) ? m as nn.Module<Tensor, Tensor> : null;
        }, options, bindsByPath: true);
    }

    /// <summary>
    /// Prepares a module whose layers are registered under the module paths of <paramref name="graph"/> (see
    /// <see cref="IInferenceGraph"/>): the graph's shapes and pads are inferred once per graph instance, then as
    /// <see cref="Build(nn.Module, ModelDsl.Spec.Language.ModelCompilation, InferenceOptions?)"/>.
    /// </summary>
    /// <param name="model">The module holding the layers.</param>
    /// <param name="graph">The model's layer graph, e.g. a generated model's static <c>Graph</c>.</param>
    /// <param name="options">Preparation choices; <see cref="InferenceOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The graph has shape errors, or a layer with weights has no module at its path.</exception>
    /// <exception cref="NotSupportedException">A layer's configuration has no step (e.g. average pooling with asymmetric pads).</exception>
    public static InferencePlan Build(nn.Module model, ModelGraph graph, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Build(model, InferredGraphs.Compile(graph), options);
    }

    private static InferencePlan Build(ModelDsl.Spec.Language.ModelCompilation compilation, Func<int, nn.Module<Tensor, Tensor>?> moduleOf, InferenceOptions? options, bool bindsByPath)
    {
        if (compilation.HasErrors || compilation.Graph is not { InputShape: not null } graph || compilation.Inference is not { } inference)
        {
            throw new ArgumentException($"The model '{compilation.Name}' has spec errors and cannot be prepared for inference.", nameof(compilation));
        }
        options ??= InferenceOptions.Default;
        // Prepared weights outlive whatever dispose scope the caller has open: the plan releases them.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return new Lowering(graph, inference, moduleOf, options, bindsByPath).Run();
    }

    private sealed class Lowering
    {
        private readonly ModelGraph graph;
        private readonly InferenceResult inference;
        private readonly Func<int, nn.Module<Tensor, Tensor>?> moduleOf;
        private readonly InferenceOptions options;
        private readonly bool bindsByPath;
        private readonly List<int>[] readers;
        private readonly bool[] merged;
        private readonly List<InferenceStep> steps = [];
        private readonly HashSet<int> reluBeforePool = [];

        public Lowering(ModelGraph graph, InferenceResult inference, Func<int, nn.Module<Tensor, Tensor>?> moduleOf, InferenceOptions options, bool bindsByPath)
        {
            this.bindsByPath = bindsByPath;
            this.graph = graph;
            this.inference = inference;
            this.moduleOf = moduleOf;
            this.options = options;
            readers = graph.Nodes.Select(_ => new List<int>()).ToArray();
            foreach (var node in graph.Nodes)
            {
                foreach (var i in node.Inputs) readers[i].Add(node.Id);
            }
            merged = new bool[graph.Nodes.Count];
        }

        public InferencePlan Run()
        {
            var output = graph.Output!;
            var logitsNode = output.Layer is ActivationLayer { Activation: ActivationKind.Softmax } && output.Inputs.Count == 1 && output.Inputs[0] != 0
                ? output.Inputs[0]
                : output.Id;
            // A dense (or conv) layer with softmax fused at the end: the step computes logits, the plan applies softmax.
            var softmaxAfterLogits = output.Layer is not ActivationLayer && output.Layer.AppliedActivation == ActivationKind.Softmax;
            try
            {
                foreach (var node in graph.Nodes.Skip(1))
                {
                    if (!merged[node.Id]) steps.Add(Lower(node, deferSoftmax: softmaxAfterLogits && node.Id == output.Id));
                }
            }
            catch
            {
                foreach (var step in steps) step.Dispose();
                throw;
            }
            var logitsEnd = softmaxAfterLogits || logitsNode == output.Id ? steps.Count : steps.FindIndex(s => s.Output == logitsNode) + 1;
            var shape = graph.InputShape!.Dims.Select(d => (long)d).ToArray();
            return new InferencePlan(graph.Name, shape, graph.Nodes.Count, [.. steps], logitsEnd, softmaxAfterLogits, options);
        }

        private InferenceStep Lower(GraphNode node, bool deferSoftmax)
        {
            var layer = node.Layer;
            var module = moduleOf(node.Id);
            var activation = deferSoftmax ? Elementwise.None : ElementwiseOps.Of(layer.AppliedActivation);
            switch (layer)
            {
                case Conv2DLayer or DepthwiseConv2DLayer when module is Conv2d conv && conv.padding is not null && conv.padding_mode == TorchSharp.PaddingModes.Zeros:
                    return LowerConv(node, conv, activation);
                case DenseLayer when module is Linear linear && InputRank(node) == 1:
                    return LowerLinear(node, linear, activation);
                case BatchNormalizationLayer when module is BatchNorm bn:
                    return LowerBatchNorm(node, bn);
                case MaxPool2DLayer { CeilMode: true } pool when MaxPoolInputPads(node, pool) is not null:
                    // SpecModule refuses this layer; generated code trims the extra window PyTorch's ceil rule adds.
                    throw new NotSupportedException($"layer '{node.ModulePath}' (MaxPool2D) combines ceil_mode with asymmetric pads, which the inference plan does not cover.");
                case MaxPool2DLayer pool when module is MaxPool2d maxPool:
                    return new MaxPoolStep(node.Inputs[0], node.Id, maxPool.kernel_size, maxPool.stride ?? maxPool.kernel_size,
                        maxPool.padding ?? [0, 0], maxPool.dilation ?? [1, 1], maxPool.ceil_mode, MaxPoolInputPads(node, pool), reluBeforePool.Contains(node.Id));
                case InputLayer:
                    throw new InvalidOperationException("The input node has no step.");
                case AddLayer:
                {
                    var end = node.Id;
                    activation = MergeActivation(ref end, activation);
                    return new AddStep([.. node.Inputs], end, activation);
                }
                case MultiplyLayer:
                {
                    var end = node.Id;
                    activation = MergeActivation(ref end, activation);
                    return new MultiplyStep([.. node.Inputs], end, activation);
                }
                case ConcatenateLayer c:
                {
                    var end = node.Id;
                    activation = MergeActivation(ref end, activation);
                    return new ConcatStep([.. node.Inputs], end, c.Axis, activation);
                }
                case StochasticDepthLayer or DropoutLayer:
                    return new IdentityStep(node.Inputs[0], node.Id);
                case { IsTrainingOnly: true }:
                    return new IdentityStep(node.Inputs[0], node.Id);
            }
            if (ElementwiseOps.OfLayer(layer) is { } kind)
            {
                return deferSoftmax || kind == Elementwise.None ? new IdentityStep(node.Inputs[0], node.Id) : new ActivationStep(node.Inputs[0], node.Id, kind);
            }
            if (layer is AvgPool2DLayer && inference.Nodes[node.Id].ResolvedPads is { IsSymmetric: false })
            {
                // SpecModule refuses this layer; generated code pads explicitly first, which a module call would skip.
                throw new NotSupportedException($"layer '{node.ModulePath}' (AvgPool2D) needs asymmetric pads, which the inference plan does not apply to average pooling.");
            }
            if (module is not null) return new ModuleStep(node.Inputs[0], node.Id, module, activation);
            if (bindsByPath && inference.Nodes[node.Id].Weights.Count == 0)
            {
                return new ModuleStep(node.Inputs[0], node.Id, WeightlessModule(node), activation, ownsModule: true);
            }
            throw new ArgumentException($"layer '{node.ModulePath}' ({layer.Kind}) has no module at its path to run in the inference plan.");
        }

        // A layer generated code runs inline (flatten, global pooling, reshape, channel shuffle, ...): the module SpecModule
        // would build for it, which has no weights to bind.
        private nn.Module<Tensor, Tensor> WeightlessModule(GraphNode node)
        {
            var shapes = node.Inputs.Select(i => inference.Nodes[i].OutputShape!).ToArray();
            var built = SpecLayerBuilder.Build(new SpecLayerContext(node, inference.Nodes[node.Id], shapes), new SpecModuleOptions());
            if (built.Module is null || built.InputPads is not null)
            {
                built.Module?.Dispose();
                throw new NotSupportedException($"layer '{node.ModulePath}' ({node.Layer.Kind}) has no module to run in the inference plan.");
            }
            return built.Module;
        }

        private InferenceStep LowerConv(GraphNode node, Conv2d conv, Elementwise activation)
        {
            var end = node.Id;
            Tensor weight, bias;
            Tensor? plainBias = conv.bias?.detach().clone();
            if (activation == Elementwise.None && options.FoldBatchNorm && SoleReader(end) is { Layer: BatchNormalizationLayer } bnNode && moduleOf(bnNode.Id) is BatchNorm bn)
            {
                (weight, bias) = BatchNormFolding.Fold(conv.weight, conv.bias, bn);
                plainBias?.Dispose();
                merged[bnNode.Id] = true;
                end = bnNode.Id;
            }
            else
            {
                weight = conv.weight.detach().clone();
                bias = plainBias!;
            }
            activation = MergeActivation(ref end, activation);
            var pads = inference.Nodes[node.Id].ResolvedPads ?? Pads.Zero;
            var inputPads = pads.IsSymmetric ? null : pads;
            var inputKernel = options.FusedKernels && conv.in_channels == 1 && inputPads is null && IsPlain(conv) && conv.kernel_size is [3, 3];
            if (options.ChannelsLast && !inputKernel)
            {
                var nhwc = MemoryLayout.ToChannelsLast(weight);
                weight.Dispose();
                weight = nhwc;
            }
            // A ReLU merged into the conv moves into a following 2x2 max-pool when the fused kernel can do both.
            if (activation == Elementwise.Relu && options.FusedKernels && Kernels.FusedKernels.Enabled && SoleReader(end) is { Layer: MaxPool2DLayer } poolNode
                && moduleOf(poolNode.Id) is MaxPool2d pool && IsPlain2x2(pool) && MaxPoolInputPads(poolNode, (MaxPool2DLayer)poolNode.Layer) is null)
            {
                activation = Elementwise.None;
                if (inputKernel)
                {
                    // The input block kernel does convolution, ReLU and pool in one pass.
                    merged[poolNode.Id] = true;
                    end = poolNode.Id;
                    Detach(weight, bias);
                    return new ConvStep(node.Inputs[0], end, weight, bias, conv.stride, conv.padding!, conv.dilation, conv.groups, inputPads, activation, inputKernel, reluPoolAfter: true);
                }
                reluBeforePool.Add(poolNode.Id);
            }
            Detach(weight, bias);
            return new ConvStep(node.Inputs[0], end, weight, bias, conv.stride, conv.padding!, conv.dilation, conv.groups, inputPads, activation, inputKernel);
        }

        private static bool IsPlain(Conv2d conv) =>
            conv.stride.All(s => s == 1) && conv.padding!.All(p => p == 0) && conv.dilation.All(d => d == 1) && conv.groups == 1;

        private static bool IsPlain2x2(MaxPool2d pool) =>
            pool.kernel_size is [2, 2] && (pool.stride is null || pool.stride is [2, 2]) && (pool.padding is null || pool.padding.All(p => p == 0))
            && (pool.dilation is null || pool.dilation.All(d => d == 1)) && !pool.ceil_mode;

        private InferenceStep LowerLinear(GraphNode node, Linear linear, Elementwise activation)
        {
            var end = node.Id;
            Tensor weight;
            Tensor? bias;
            if (activation == Elementwise.None && options.FoldBatchNorm && SoleReader(end) is { Layer: BatchNormalizationLayer } bnNode && moduleOf(bnNode.Id) is BatchNorm bn)
            {
                (weight, bias) = BatchNormFolding.Fold(linear.weight, linear.bias, bn);
                merged[bnNode.Id] = true;
                end = bnNode.Id;
            }
            else
            {
                weight = linear.weight.detach().clone();
                bias = linear.bias?.detach().clone();
            }
            activation = MergeActivation(ref end, activation);
            Detach(weight, bias);
            return new LinearStep(node.Inputs[0], end, weight, bias, activation);
        }

        private InferenceStep LowerBatchNorm(GraphNode node, BatchNorm bn)
        {
            var (scale, shift) = BatchNormFolding.Affine(bn);
            var rank = (inference.Nodes[node.Id].OutputShape?.Rank ?? 1) + 1;
            var view = new long[rank];
            Array.Fill(view, 1L);
            view[1] = -1;
            var dtype = bn.running_mean!.dtype;
            var s = scale.to(dtype).view(view).contiguous();
            var b = shift.to(dtype).view(view).contiguous();
            var end = node.Id;
            var activation = MergeActivation(ref end, Elementwise.None);
            Detach(s, b);
            return new ChannelAffineStep(node.Inputs[0], end, s, b, activation);
        }

        // The activation node that is the only reader of `end` joins the step (unless the step already has one).
        private Elementwise MergeActivation(ref int end, Elementwise current)
        {
            if (current != Elementwise.None) return current;
            if (SoleReader(end) is { } next && ElementwiseOps.OfLayer(next.Layer) is { } kind && ElementwiseOps.IsFusable(kind))
            {
                merged[next.Id] = true;
                end = next.Id;
                return kind;
            }
            return current;
        }

        private GraphNode? SoleReader(int id) => readers[id] is [var only] && graph.Output!.Id != id ? graph.Nodes[only] : null;

        private int InputRank(GraphNode node) => inference.Nodes[node.Inputs[0]].OutputShape?.Rank ?? -1;

        // Mirrors SpecLayerBuilder: libtorch's own padding takes at most half the window per side; the rest is -inf padded first.
        private Pads? MaxPoolInputPads(GraphNode node, MaxPool2DLayer pool)
        {
            var pads = inference.Nodes[node.Id].ResolvedPads ?? Pads.Zero;
            return pads.IsSymmetric && pads.Top * 2 <= pool.Pool.H && pads.Left * 2 <= pool.Pool.W ? null : pads;
        }

        private static void Detach(params Tensor?[] tensors)
        {
            foreach (var t in tensors) t?.DetachFromDisposeScope();
        }
    }
}
