using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Catalog
{
    /// <summary>
    /// Catalogue entry of one layer kind: its spec keyword, Keras and PyTorch names, its arguments in
    /// positional order, and the factory that turns bound arguments into the typed IR record.
    /// </summary>
    public sealed class LayerDescriptor
    {
        private readonly Func<BoundArguments, LayerSpec> _factory;

        /// <summary>Creates a descriptor.</summary>
        public LayerDescriptor(LayerKind kind, string keyword, string kerasType, string kerasName, string torchType, string doc,
            IReadOnlyList<ArgumentDescriptor> arguments, Func<BoundArguments, LayerSpec> factory)
        {
            Kind = kind;
            Keyword = keyword;
            KerasType = kerasType;
            KerasName = kerasName;
            TorchType = torchType;
            Doc = doc;
            Arguments = arguments.ToEquatableArray();
            _factory = factory;
        }

        /// <summary>The IR kind.</summary>
        public LayerKind Kind { get; }

        /// <summary>The .mdsl keyword (<c>conv2d</c>).</summary>
        public string Keyword { get; }

        /// <summary>Keras's class name (<c>Conv2D</c>), shown in the Keras summary.</summary>
        public string KerasType { get; }

        /// <summary>Keras's auto-name base (<c>conv2d</c>, numbered <c>conv2d_1</c>, ...).</summary>
        public string KerasName { get; }

        /// <summary>The PyTorch module type (<c>Conv2d</c>), shown in the torchinfo summary.</summary>
        public string TorchType { get; }

        /// <summary>One-line description.</summary>
        public string Doc { get; }

        /// <summary>Arguments in positional order.</summary>
        public EquatableArray<ArgumentDescriptor> Arguments { get; }

        /// <summary>
        /// Binds positional and named arguments, validates them, fills defaults and builds the layer.
        /// Reports MDSL003/004/005 into <paramref name="diagnostics"/> and returns null on any error.
        /// </summary>
        /// <param name="positional">Positional values in order.</param>
        /// <param name="named">Named values (name, value, span of the name).</param>
        /// <param name="callSpan">Span of the whole layer call (for count errors).</param>
        /// <param name="diagnostics">Receives the errors.</param>
        public LayerSpec? Bind(IReadOnlyList<ArgValue> positional, IReadOnlyList<NamedArgValue> named, SourceSpan callSpan, ICollection<SpecDiagnostic> diagnostics)
        {
            var ok = true;
            var values = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
            if (positional.Count > Arguments.Count)
            {
                diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.WrongArgumentCount, positional[Arguments.Count].Span.IsKnown ? positional[Arguments.Count].Span : callSpan,
                    Keyword, Describe(Arguments.Count, "at most"), positional.Count.ToString(CultureInfo.InvariantCulture) + " positional"));
                return null;
            }
            for (var i = 0; i < positional.Count; i++)
            {
                ok &= Accept(Arguments[i], positional[i], values, diagnostics);
            }
            foreach (var arg in named)
            {
                var desc = Arguments.FirstOrDefault(a => a.Name == arg.Name);
                if (desc is null)
                {
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.UnknownArgument, arg.NameSpan, Keyword, arg.Name));
                    ok = false;
                    continue;
                }
                if (values.ContainsKey(arg.Name))
                {
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.DuplicateName, arg.NameSpan, arg.Name));
                    ok = false;
                    continue;
                }
                ok &= Accept(desc, arg.Value, values, diagnostics);
            }
            var required = Arguments.Count(a => a.IsRequired);
            foreach (var desc in Arguments)
            {
                if (values.ContainsKey(desc.Name)) continue;
                if (desc.Default is null)
                {
                    if (ok)
                    {
                        diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.WrongArgumentCount, callSpan,
                            Keyword, Describe(required, "at least"), (positional.Count + named.Count).ToString(CultureInfo.InvariantCulture) + " (missing '" + desc.Name + "')"));
                    }
                    ok = false;
                }
                else
                {
                    values[desc.Name] = desc.Default;
                }
            }
            return ok ? _factory(new BoundArguments(values)) : null;
        }

        private static string Describe(int count, string bound)
            => bound + " " + count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " argument" : " arguments");

        private bool Accept(ArgumentDescriptor desc, ArgValue value, Dictionary<string, ArgValue> values, ICollection<SpecDiagnostic> diagnostics)
        {
            var error = ArgumentConverter.Validate(desc.Kind, value);
            if (error != null)
            {
                diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.BadArgument, value.Span, desc.Name, Keyword, error));
                return false;
            }
            values[desc.Name] = value;
            return true;
        }
    }
}
