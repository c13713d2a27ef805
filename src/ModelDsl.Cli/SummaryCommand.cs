using System.CommandLine;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Summary;

namespace ModelDsl.Cli;

/// <summary><c>modeldsl summary FILE [--model NAME] [--style keras|torchinfo] [--set name=value]</c>.</summary>
internal static class SummaryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The .mdsl file (or zoo:NAME, e.g. zoo:ResNet50)." };
        var model = new Option<string?>("--model", "-m") { Description = "The model to summarise (default: the first in the file)." };
        var style = new Option<string>("--style", "-s") { Description = "Table style.", DefaultValueFactory = _ => "keras" };
        style.AcceptOnlyFromAmong("keras", "torchinfo");
        var set = new Option<string[]>("--set") { Description = "Override a model parameter, e.g. --set include_top=false --set classes=10.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("summary", "Print a model's summary table.") { file, model, style, set };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(model), result.GetValue(style) ?? "keras",
            result.GetValue(set) ?? Array.Empty<string>(), stdout, stderr));
        return command;
    }

    private static int Run(string path, string? modelName, string style, string[] overrides, TextWriter stdout, TextWriter stderr)
    {
        if (!SpecSource.TryRead(path, out var text, out var problem))
        {
            stderr.WriteLine("modeldsl: " + problem);
            return CliApp.UsageError;
        }
        var arguments = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
        foreach (var item in overrides)
        {
            if (!ArgumentText.TryParse(item, out var name, out var value))
            {
                stderr.WriteLine("modeldsl: --set expects name=value but got '" + item + "'");
                return CliApp.UsageError;
            }
            arguments[name] = value;
        }
        var document = SpecDocument.Parse(text, path);
        foreach (var d in document.Diagnostics) stderr.WriteLine(d.ToString());
        if (document.Diagnostics.Any(d => d.Severity == Spec.Diagnostics.SpecSeverity.Error)) return CliApp.SpecErrors;
        var chosen = modelName ?? (document.ModelNames.Count > 0 ? document.ModelNames[0] : string.Empty);
        var compilation = document.Instantiate(chosen, arguments);
        foreach (var d in compilation.Diagnostics) stderr.WriteLine(d.ToString());
        if (compilation.HasErrors || compilation.Inference is null) return CliApp.SpecErrors;
        var summary = ModelSummary.From(compilation.Inference);
        stdout.Write(style == "torchinfo" ? TorchinfoSummaryRenderer.Render(summary) : KerasSummaryRenderer.Render(summary));
        return CliApp.Success;
    }
}
