using ModelDsl.Spec.Language;
using ModelDsl.Torch.Spec;
using ModelDsl.Training;

namespace ModelDsl.Cli;

/// <summary>
/// A spec-built model the trainer recognises as a logits module: <see cref="SpecModule.ForwardLogits"/>
/// already returns the scores before a final softmax, and declaring the interface here (ModelDsl.Torch
/// cannot see ModelDsl.Training) makes a softmax-ended spec train through log-softmax, as the main job does.
/// </summary>
internal sealed class SpecClassifier(ModelCompilation compilation) : SpecModule(compilation), ILogitsModule;
