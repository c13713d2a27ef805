using System.Collections.Generic;
using ModelDsl.Generators.Pipeline;

namespace ModelDsl.Generators.Emit
{
    /// <summary>
    /// Writes the constructor's <c>register_module</c> calls so <c>state_dict</c> keys are the members' module
    /// paths. A dotted path (<c>layer1.0.conv1</c>) goes through TorchSharp <c>ModuleDict</c>s, one per prefix,
    /// as <c>nn.Sequential</c>/<c>nn.ModuleDict</c> nest in torchvision. A <c>ModuleDict</c> registers its
    /// children when it is itself registered, so each one is filled before it is registered (innermost first).
    /// </summary>
    internal static class ModuleRegistration
    {
        private const string Dict = "global::TorchSharp.Modules.ModuleDict<global::TorchSharp.torch.nn.Module>";

        /// <summary>Writes the registrations of <paramref name="members"/>, in their order.</summary>
        public static void Write(SourceWriter w, IEnumerable<ModuleMember> members)
        {
            var root = new Node("", null);
            foreach (var member in members)
            {
                var segments = member.ModulePath.Split('.');
                var node = root;
                for (var i = 0; i < segments.Length - 1; i++) node = node.Group(segments[i]);
                node.Children.Add(new Node(segments[segments.Length - 1], member.PropertyName));
            }
            var locals = new HashSet<string>(System.StringComparer.Ordinal) { "initPolicy" };
            foreach (var child in root.Children)
            {
                var value = child.Property ?? WriteGroup(w, child, child.Name, locals);
                w.Line($"register_module({CSharp.Literal(child.Name)}, {value});");
            }
        }

        /// <summary>Declares a local holding <paramref name="group"/>'s filled dict; returns the local's name.</summary>
        private static string WriteGroup(SourceWriter w, Node group, string path, HashSet<string> locals)
        {
            var entries = new List<(string Key, string Value)>();
            foreach (var child in group.Children)
            {
                entries.Add((child.Name, child.Property ?? WriteGroup(w, child, path + "." + child.Name, locals)));
            }
            var pascal = CSharp.PascalCase(path);
            var local = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
            while (!locals.Add(local)) local += "_";
            w.Line($"var {local} = new {Dict}").Open();
            foreach (var (key, value) in entries) w.Line($"{{ {CSharp.Literal(key)}, {value} }},");
            w.Close("};");
            return local;
        }

        /// <summary>A module path prefix (a group) or a member (a leaf with its property).</summary>
        private sealed class Node
        {
            private readonly Dictionary<string, Node> _groups = new Dictionary<string, Node>(System.StringComparer.Ordinal);

            public Node(string name, string? property)
            {
                Name = name;
                Property = property;
            }

            public string Name { get; }

            public string? Property { get; }

            public List<Node> Children { get; } = new List<Node>();

            public Node Group(string name)
            {
                if (!_groups.TryGetValue(name, out var group))
                {
                    group = new Node(name, null);
                    _groups[name] = group;
                    Children.Add(group);
                }
                return group;
            }
        }
    }
}
