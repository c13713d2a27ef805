namespace ModelDsl.Spec
{
    /// <summary>Marker for the ModelDsl.Spec assembly.</summary>
    public static class SpecAssembly
    {
    }
}
