namespace ModelDsl.Distributed.Tests;

/// <summary>
/// Entry point of the processes <c>mpiexec</c> starts for the tests (<c>dotnet exec</c> of this assembly);
/// the test runner itself never calls it.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--rank", var scenario, var dir, .. var rest]) return RankProgram.Run(scenario, dir, rest);
        Console.Error.WriteLine("This assembly holds tests: run them with `dotnet test`.");
        return 2;
    }
}
