namespace ModelDsl.Generators.Pipeline
{
    /// <summary>An <c>.mdsl</c> AdditionalFile's path and text.</summary>
    /// <param name="Path">The file path as MSBuild passes it.</param>
    /// <param name="Text">The whole text.</param>
    public sealed record SpecText(string Path, string Text);
}
