using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ModelDsl.Runtime.Tests")]
