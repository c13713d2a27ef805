using ModelDsl;

namespace ModelDsl.Generators.Tests.Models;

/// <summary>Specs/InferenceModels.mdsl's residual model, taken by name into a class of its own (the <c>[ModelSpec]</c> front end).</summary>
[Model]
[ModelSpec("ResidualBn")]
public partial class ResidualBnFromSpec { }

/// <summary>A small convnet with BatchNorm written inline (the <c>[InlineSpec]</c> front end).</summary>
[Model]
[InlineSpec("model InlineBnNet(input = 2x12x12) { conv2d(6, 3, padding=same) > batchnorm > relu > maxpool2d(2) > flatten > dense(8, relu) > batchnorm > dense(3) }")]
public partial class InlineBnNet { }
