namespace ModelDsl.Runtime.Generated;

/// <summary>What a generated model's constructor calls before TorchSharp's <c>Module</c> constructor runs.</summary>
public static class GeneratedModel
{
    /// <summary>
    /// Loads TorchSharp's native backend and returns <paramref name="name"/>, the module name a generated model
    /// passes to TorchSharp's <c>Module</c> constructor. That constructor already calls into libtorch, so this
    /// runs first to turn a load failure into a <see cref="TorchSharpLoadException"/> naming what is missing.
    /// </summary>
    /// <param name="name">The model's class name.</param>
    /// <returns><paramref name="name"/>.</returns>
    /// <exception cref="TorchSharpLoadException">The native libraries cannot be loaded on this machine.</exception>
    public static string Prepare(string name)
    {
        TorchSharpRuntime.EnsureLoaded();
        return name;
    }
}
