using System.Collections.Generic;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Catalog
{
    /// <summary>Validated arguments of one layer, defaults filled in; typed accessors for the factories.</summary>
    public sealed class BoundArguments
    {
        private readonly Dictionary<string, ArgValue> _values;

        /// <summary>Wraps validated values keyed by argument name.</summary>
        public BoundArguments(Dictionary<string, ArgValue> values)
        {
            _values = values;
        }

        /// <summary>The raw value.</summary>
        public ArgValue this[string name] => _values[name];

        /// <summary>An integer argument.</summary>
        public int Int(string name) => (int)_values[name].Int;

        /// <summary>A numeric argument.</summary>
        public double Float(string name) => _values[name].Float;

        /// <summary>A boolean argument.</summary>
        public bool Bool(string name) => _values[name].Bool;

        /// <summary>A name argument.</summary>
        public string Name(string name) => _values[name].Text;

        /// <summary>A pair argument.</summary>
        public IntPair Pair(string name) => ArgumentConverter.ToPair(_values[name]);

        /// <summary>A padding argument.</summary>
        public Padding Padding(string name) => ArgumentConverter.ToPadding(_values[name]);

        /// <summary>A pads argument.</summary>
        public Pads Pads(string name) => ArgumentConverter.ToPads(_values[name]);

        /// <summary>A shape argument.</summary>
        public TensorShape Shape(string name) => ArgumentConverter.ToShape(_values[name]);

        /// <summary>An activation argument.</summary>
        public ActivationKind Activation(string name)
        {
            ArgumentConverter.TryActivation(_values[name].Text, out var kind);
            return kind;
        }

        /// <summary>True when the argument was bound (given or defaulted).</summary>
        public bool Has(string name) => _values.ContainsKey(name);
    }
}
