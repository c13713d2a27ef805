namespace ModelDsl.Generators.Pipeline
{
    /// <summary>The build properties the generator reads (through <c>CompilerVisibleProperty</c>).</summary>
    /// <param name="RootNamespace">The project's root namespace; spec models without a namespace go there.</param>
    public sealed record BuildOptions(string RootNamespace);
}
