namespace ModelDsl
{
    /// <summary>
    /// Inside a <see cref="BlockAttribute"/> class, starts a named branch: the layers after it, up to the next
    /// branch or merge, read the block's input; its <see cref="LayerAttribute.When"/> condition (e.g. <c>"project"</c>) applies to all of them. A branch with no layers (or whose condition is false) is the
    /// identity, as a residual shortcut.
    /// </summary>
    public sealed class BranchAttribute : LayerAttribute
    {
        /// <summary>Starts a branch.</summary>
        /// <param name="name">The branch name, also its module-path segment (e.g. <c>"downsample"</c>).</param>
        public BranchAttribute(string name) => BranchName = name;

        /// <summary>The branch name.</summary>
        public string BranchName { get; }
    }
}
