// netstandard2.0 lacks this marker type; the compiler needs it for records and init accessors.
// Internal, so each assembly that links these sources (the generator does) gets its own copy.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
