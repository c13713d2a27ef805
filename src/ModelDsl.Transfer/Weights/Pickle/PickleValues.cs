using System.Numerics;

namespace ModelDsl.Transfer.Weights.Pickle;

/// <summary>Names the Python type of an unpickled value, for error messages.</summary>
internal static class PickleValues
{
    public static string Describe(object? value) => value switch
    {
        null => "None",
        string => "str",
        long or BigInteger => "int",
        bool => "bool",
        double => "float",
        byte[] => "bytes",
        object?[] => "tuple",
        List<object?> => "list",
        PickleDict => "dict",
        PickleGlobal g => g.FullName,
        _ => value.GetType().Name,
    };
}
