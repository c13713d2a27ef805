using System.CommandLine;
using System.Globalization;

namespace ModelDsl.Cli;

/// <summary>
/// <c>modeldsl state-dict FILE [--model NAME] [--set name=value] [--count]</c>: the <c>state_dict</c> keys
/// and shapes a spec implies, in PyTorch's order (parameters, then buffers, per module), and the entry count.
/// </summary>
internal static class StateDictCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The .mdsl file (or zoo:NAME, e.g. zoo:ResNet18)." };
        var model = new Option<string?>("--model", "-m") { HelpName = "NAME", Description = "The model (default: the zoo entry's own model, else the first in the file)." };
        var set = new Option<string[]>("--set") { HelpName = "name=value", Description = "Override a model parameter, e.g. --set include_top=false --set classes=10.", AllowMultipleArgumentsPerToken = false };
        var count = new Option<bool>("--count") { Description = "Print only the number of entries." };
        var command = new Command("state-dict", "Print the state_dict keys and shapes a model implies, and their count.") { file, model, set, count };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(model), result.GetValue(set) ?? Array.Empty<string>(),
            result.GetValue(count), stdout, stderr));
        return command;
    }

    private static int Run(string path, string? modelName, string[] overrides, bool countOnly, TextWriter stdout, TextWriter stderr)
    {
        var compilation = SpecLoader.Load(path, modelName, overrides, stderr, out var exitCode);
        if (compilation is null) return exitCode;
        var entries = compilation.Inference!.StateDict().ToList();
        if (countOnly)
        {
            stdout.WriteLine(entries.Count.ToString(CultureInfo.InvariantCulture));
            return CliApp.Success;
        }
        var width = entries.Count == 0 ? 0 : entries.Max(e => e.Key.Length);
        foreach (var entry in entries)
        {
            var shape = "[" + string.Join(", ", entry.Tensor.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
            stdout.WriteLine(entry.Key.PadRight(width) + "  " + shape.PadRight(20) + "  " + (entry.Tensor.IsTorchBuffer ? "buffer" : "parameter"));
        }
        var parameters = entries.Where(e => !e.Tensor.IsTorchBuffer).ToList();
        var buffers = entries.Where(e => e.Tensor.IsTorchBuffer).ToList();
        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0} entries: {1} parameter tensors ({2:N0} elements), {3} buffers ({4:N0} elements)",
            entries.Count, parameters.Count, parameters.Sum(e => e.Tensor.ElementCount), buffers.Count, buffers.Sum(e => e.Tensor.ElementCount)));
        return CliApp.Success;
    }
}
