using System.CommandLine;
using ModelDsl.LanguageServer;

namespace ModelDsl.Cli;

/// <summary><c>modeldsl lsp</c>: the .mdsl language server on stdin/stdout (editors start it; see editors/vscode).</summary>
internal static class LspCommand
{
    public static Command Create(TextWriter stderr)
    {
        // vscode-languageclient appends --stdio for its stdio transport; stdio is the only transport, so it is accepted and ignored.
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over stdin/stdout (the default and only transport)." };
        var command = new Command("lsp", "Run the .mdsl language server over stdio (diagnostics, hover, completion, go to definition).") { stdio };
        command.SetAction(_ =>
        {
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return new MdslLanguageServer(input, output, stderr).Run();
        });
        return command;
    }
}
