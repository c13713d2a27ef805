using ModelDsl.Training.Tests.Training;

namespace ModelDsl.Training.Tests;

/// <summary>
/// Entry point used only when a test starts this assembly as a child process (<c>dotnet exec</c>);
/// the test runner itself never calls it.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--checkpoint-writer", var dir]) return CheckpointWriterProcess.Run(dir);
        Console.Error.WriteLine("This assembly holds tests: run them with `dotnet test`.");
        return 2;
    }
}
