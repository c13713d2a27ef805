namespace ModelDsl.Generators.Pipeline
{
    /// <summary>A layer with weights or state, as a typed property of the generated model.</summary>
    /// <param name="PropertyName">The PascalCase member name (from the Keras-like layer id).</param>
    /// <param name="TypeName">The fully qualified TorchSharp (or ModelDsl.Vision) module type.</param>
    /// <param name="Construction">The C# expression that builds it.</param>
    /// <param name="ModulePath">Its dotted module path (the <c>state_dict</c> prefix), e.g. <c>layer1.0.conv1</c>.</param>
    /// <param name="Doc">One-line XML doc text (already escaped).</param>
    /// <param name="IsBuilt">
    /// False in a model with errors for a layer whose configuration could not be checked (at or after the error):
    /// the property is declared so code using it still compiles, but stays null and is not registered.
    /// </param>
    public sealed record ModuleMember(string PropertyName, string TypeName, string Construction, string ModulePath, string Doc, bool IsBuilt = true);
}
