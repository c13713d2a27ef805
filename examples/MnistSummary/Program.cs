using System.Globalization;
using MnistSummary;

// Everything printed here was computed by the compiler: no model is built, no libtorch is loaded.
Console.Write(MnistConvNet.SummaryText);
var summary = MnistConvNet.Summary;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Input (N, {string.Join(", ", MnistConvNet.InputShape)}) -> output (N, {string.Join(", ", MnistConvNet.OutputShape)}); " +
    $"{summary.KerasTotalParams:N0} params, {summary.MultAdds:N0} mult-adds per sample."));
