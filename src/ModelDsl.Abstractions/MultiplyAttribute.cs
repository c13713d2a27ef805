namespace ModelDsl
{
    /// <summary>
    /// Merges the open branches by element-wise multiplication with broadcasting (a dimension of 1 stretches):
    /// squeeze-and-excitation's input times its (C, 1, 1) scale.
    /// </summary>
    public sealed class MultiplyAttribute : LayerAttribute
    {
    }
}
