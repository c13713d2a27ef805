using System.Reflection;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Spec.Tests;

/// <summary>
/// The generator caches compilations by equality (incremental pipelines): everything reachable from
/// <see cref="ModelCompilation"/> must compare by value — records, primitives, strings, enums and
/// <see cref="EquatableArray{T}"/>, never plain arrays or lists.
/// </summary>
public class EquatableModelTests
{
    [Fact]
    public void EverythingReachableFromACompilationComparesByValue()
    {
        var seen = new HashSet<Type>();
        var problems = new List<string>();
        var layerTypes = typeof(LayerSpec).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LayerSpec)) && !t.IsAbstract);
        foreach (var root in new[] { typeof(ModelCompilation), typeof(SpecCompilationResult) }.Concat(layerTypes)) Walk(root, seen, problems);
        Assert.Empty(problems);
        Assert.True(seen.Count > 20, "walked only " + seen.Count + " types");
    }

    private static void Walk(Type type, HashSet<Type> seen, List<string> problems)
    {
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)) return;
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            Walk(inner, seen, problems);
            return;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            Walk(type.GetGenericArguments()[0], seen, problems);
            return;
        }
        var isRecord = type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null;
        if (!isRecord)
        {
            problems.Add(type.FullName + " is not a record, primitive or EquatableArray");
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            Walk(property.PropertyType, seen, problems);
        }
        if (type == typeof(LayerSpec))
        {
            foreach (var sub in type.Assembly.GetTypes().Where(t => t.IsSubclassOf(type))) Walk(sub, seen, problems);
        }
    }
}
