using System.CommandLine;
using ModelDsl.Spec.Summary;

namespace ModelDsl.Cli;

/// <summary><c>modeldsl summary FILE [--model NAME] [--style keras|torchinfo] [--set name=value]</c>.</summary>
internal static class SummaryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The .mdsl file (or zoo:NAME, e.g. zoo:ResNet50)." };
        var model = new Option<string?>("--model", "-m") { HelpName = "NAME", Description = "The model to summarise (default: the first in the file)." };
        var style = new Option<string>("--style", "-s") { Description = "Table style.", DefaultValueFactory = _ => "keras" };
        style.AcceptOnlyFromAmong("keras", "torchinfo");
        var set = new Option<string[]>("--set") { HelpName = "name=value", Description = "Override a model parameter, e.g. --set include_top=false --set classes=10.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("summary", "Print a model's summary table.") { file, model, style, set };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(model), result.GetValue(style) ?? "keras",
            result.GetValue(set) ?? Array.Empty<string>(), stdout, stderr));
        return command;
    }

    private static int Run(string path, string? modelName, string style, string[] overrides, TextWriter stdout, TextWriter stderr)
    {
        var compilation = SpecLoader.Load(path, modelName, overrides, stderr, out var exitCode);
        if (compilation is null) return exitCode;
        var summary = ModelSummary.From(compilation.Inference!);
        stdout.Write(style == "torchinfo" ? TorchinfoSummaryRenderer.Render(summary) : KerasSummaryRenderer.Render(summary));
        return CliApp.Success;
    }
}
