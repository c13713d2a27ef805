using System.CommandLine;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Language;

namespace ModelDsl.Cli;

/// <summary><c>modeldsl check FILE...</c>: every diagnostic as <c>file(line,col): error MDSL001: message</c>.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files") { Description = "The .mdsl files to check (or zoo:NAME).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Parse, expand and shape-check specs; exit code 1 when any has errors.") { files };
        command.SetAction(result => Run(result.GetValue(files) ?? Array.Empty<string>(), stdout, stderr));
        return command;
    }

    private static int Run(string[] paths, TextWriter stdout, TextWriter stderr)
    {
        var errors = 0;
        var warnings = 0;
        var unreadable = false;
        foreach (var path in paths)
        {
            if (!SpecSource.TryRead(path, out var text, out var problem))
            {
                stderr.WriteLine("modeldsl: " + problem);
                unreadable = true;
                continue;
            }
            var result = SpecCompiler.Compile(text, path);
            foreach (var diagnostic in result.Diagnostics)
            {
                stdout.WriteLine(diagnostic.ToString());
                if (diagnostic.Severity == SpecSeverity.Error) errors++;
                else if (diagnostic.Severity == SpecSeverity.Warning) warnings++;
            }
        }
        stderr.WriteLine($"{paths.Length} file(s) checked: {errors} error(s), {warnings} warning(s)");
        if (unreadable) return CliApp.UsageError;
        return errors > 0 ? CliApp.SpecErrors : CliApp.Success;
    }
}
