using System.Runtime.CompilerServices;

// The runtime libraries built on the shim pass tensor handles to their own native exports.
[assembly: InternalsVisibleTo("ModelDsl.Training")]
[assembly: InternalsVisibleTo("ModelDsl.Vision")]
[assembly: InternalsVisibleTo("ModelDsl.Transfer")]
[assembly: InternalsVisibleTo("ModelDsl.Torch.Tests")]
