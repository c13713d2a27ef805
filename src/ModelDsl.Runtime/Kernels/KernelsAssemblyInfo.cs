using System.Runtime.CompilerServices;

// The kernel tests reach the layout checks and the raw kernels, to prove the fused path (not the fallback) ran.
[assembly: InternalsVisibleTo("ModelDsl.Kernels.Tests")]
