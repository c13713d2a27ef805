using System.Text.RegularExpressions;

namespace ModelDsl.Cli;

/// <summary>
/// An exception as the one line the CLI prints. libtorch's messages (through TorchSharp) carry a C++ backtrace
/// ("Exception raised from ...", "frame #0: ...") and a source tag ("[enforce fail at alloc_cpu.cpp:117]"):
/// a user needs neither.
/// </summary>
internal static partial class ErrorText
{
    public static string Of(Exception e)
    {
        // ArgumentException appends " (Parameter 'name')", which names a C# parameter, not anything the user typed.
        var message = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
        var first = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? e.GetType().Name;
        first = SourceTag().Replace(first, "").Trim();
        // libtorch's enforce messages start with the failed C++ condition ("err == 0. DefaultCPUAllocator: ...").
        var condition = FailedCondition().Match(first);
        if (condition.Success && condition.Length < first.Length) first = first[condition.Length..];
        return first.Length > 0 ? first : e.GetType().Name;
    }

    [GeneratedRegex(@"^\[enforce fail at [^\]]*\]\s*(\.\s*)?")]
    private static partial Regex SourceTag();

    [GeneratedRegex(@"^[^.]*(==|!=|<=|>=)[^.]*\.\s+")]
    private static partial Regex FailedCondition();
}
