using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// The checked IR graph (ModelDsl.Spec's <see cref="ModelGraph"/>: each node's layer record with its fused
    /// activation and declared padding, its inputs, its module path and name) as C# that rebuilds the same records at
    /// run time, so the runtime's inference path follows the graph the forward was generated from without parsing a spec
    /// again. Module paths are the ones the constructor registers, because both come from the same nodes.
    /// </summary>
    /// <remarks>
    /// Layer records are written through their primary constructors (plus init-only properties that differ from their
    /// default, such as <c>CeilMode</c>), found by reflection over the IR types compiled into the generator. So a new
    /// layer kind needs no change here as long as its values are of the kinds <see cref="Value"/> writes; any other value
    /// makes <see cref="TryBuild"/> return nothing, and that model runs its own forward instead of a plan.
    /// </remarks>
    internal static class GraphCode
    {
        private const string Ns = "global::ModelDsl.Spec.";
        private const string SpecNamespace = "ModelDsl.Spec";

        /// <summary>Expression lines constructing the graph, or empty when a layer holds a value this writer does not know.</summary>
        public static EquatableArray<string> TryBuild(ModelGraph graph)
        {
            try
            {
                return Build(graph);
            }
            catch (System.NotSupportedException)
            {
                return EquatableArray<string>.Empty;
            }
        }

        private static EquatableArray<string> Build(ModelGraph graph)
        {
            var lines = new List<string> { $"new {Ns}Graph.ModelGraph({CSharp.Literal(graph.Name)}, {Ns}Collections.EquatableArray.Of(" };
            for (var i = 0; i < graph.Nodes.Count; i++)
            {
                var node = graph.Nodes[i];
                var inputs = node.Inputs.Count == 0
                    ? $"{Ns}Collections.EquatableArray<int>.Empty"
                    : $"{Ns}Collections.EquatableArray.Of({string.Join(", ", node.Inputs.Select(Int))})";
                lines.Add($"    new {Ns}Graph.GraphNode({Int(node.Id)}, {Value(node.Layer)}, {inputs}, {CSharp.Literal(node.ModulePath)}, {CSharp.Literal(node.DisplayName)}, {Ns}Text.SourceSpan.None)"
                    + (i == graph.Nodes.Count - 1 ? ")," : ","));
            }
            lines.Add($"    {Ns}Text.SourceSpan.None)");
            return lines.ToEquatableArray();
        }

        /// <summary>A C# expression for an IR value: numbers, text, enums, shapes and ModelDsl.Spec records.</summary>
        /// <exception cref="System.NotSupportedException">A value of another kind.</exception>
        internal static string Value(object? value)
        {
            switch (value)
            {
                case null: return "null";
                case bool b: return CSharp.Literal(b);
                case int i: return Int(i);
                case long l: return CSharp.Literal(l) + "L";
                case double d: return Double(d);
                case string s: return CSharp.Literal(s);
                case System.Enum e: return Enum(e);
                case TensorShape shape: return $"{Ns}Shapes.TensorShape.Of({string.Join(", ", shape.Dims.Select(Int))})";
                case EquatableArray<int> items:
                    return items.Count == 0 ? $"{Ns}Collections.EquatableArray<int>.Empty" : $"{Ns}Collections.EquatableArray.Of({string.Join(", ", items.Select(Int))})";
                case Pads pads when pads == Pads.Zero: return Ns + "Shapes.Pads.Zero";
                case Padding padding when padding == Padding.Valid: return Ns + "Shapes.Padding.Valid";
                case Padding padding when padding == Padding.Same: return Ns + "Shapes.Padding.Same";
            }
            var type = value.GetType();
            if (type.Namespace is not { } ns || !(ns == SpecNamespace || ns.StartsWith(SpecNamespace + ".", System.StringComparison.Ordinal)) || type.IsNested)
            {
                throw new System.NotSupportedException("no C# form for a " + type.FullName);
            }
            return Record(value, type);
        }

        // new T(primary constructor arguments) { InitOnly = value, ... } for the init-only values that are not the default.
        private static string Record(object value, System.Type type)
        {
            var constructor = type.GetConstructors()
                .Where(c => !(c.GetParameters().Length == 1 && c.GetParameters()[0].ParameterType == type))
                .OrderByDescending(c => c.GetParameters().Length)
                .FirstOrDefault() ?? throw new System.NotSupportedException("no public constructor on " + type.FullName);
            var parameters = constructor.GetParameters();
            var arguments = parameters.Select(p => Value(Property(type, p.Name!).GetValue(value))).ToList();
            var named = new HashSet<string>(parameters.Select(p => p.Name!), System.StringComparer.Ordinal);
            var initialisers = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && !named.Contains(p.Name))
                .OrderBy(p => p.Name, System.StringComparer.Ordinal)
                .Select(p => (p.Name, Value: p.GetValue(value), Default: p.PropertyType.IsValueType ? System.Activator.CreateInstance(p.PropertyType) : null))
                .Where(p => !Equals(p.Value, p.Default))
                .Select(p => p.Name + " = " + Value(p.Value))
                .ToList();
            var code = $"new global::{type.FullName}({string.Join(", ", arguments)})";
            return initialisers.Count == 0 ? code : code + " { " + string.Join(", ", initialisers) + " }";
        }

        private static PropertyInfo Property(System.Type type, string name)
            => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) ?? throw new System.NotSupportedException($"{type.FullName} has no property for its constructor parameter '{name}'");

        private static string Enum(System.Enum value)
        {
            var type = "global::" + value.GetType().FullName!.Replace('+', '.');
            return System.Enum.IsDefined(value.GetType(), value)
                ? type + "." + value.ToString()
                : "(" + type + ")(" + System.Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")";
        }

        private static string Double(double value)
        {
            if (double.IsNaN(value)) return "double.NaN";
            if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
            if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
            return CSharp.Literal(value);
        }

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
