using System;

namespace ModelDsl
{
    /// <summary>Inserts a <see cref="BlockAttribute"/> class's layers here, with arguments for its parameters.</summary>
    public sealed class UseAttribute : LayerAttribute
    {
        /// <summary>Uses a block.</summary>
        /// <param name="block">The block class, e.g. <c>typeof(Bottleneck)</c>.</param>
        /// <param name="arguments">Its arguments in parameter order: numbers, booleans, or (inside a block) expression strings.</param>
        public UseAttribute(Type block, params object[] arguments)
        {
            Block = block;
            Arguments = arguments;
        }

        /// <summary>The block class.</summary>
        public Type Block { get; }

        /// <summary>The arguments in parameter order.</summary>
        public object[] Arguments { get; }

        /// <summary>How many times the block is applied in a row (default 1).</summary>
        public int Repeat { get; set; } = 1;
    }
}
