using System.Globalization;
using MnistSummary;
using static TorchSharp.torch;

// Everything printed first was computed by the compiler: no model is built, no libtorch is loaded yet.
Console.Write(MnistConvNet.SummaryText);
var summary = MnistConvNet.Summary;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Input (N, {string.Join(", ", MnistConvNet.InputShape)}) -> output (N, {string.Join(", ", MnistConvNet.OutputShape)}); " +
    $"{summary.KerasTotalParams:N0} params, {summary.MultAdds:N0} mult-adds per sample."));

// The same class at run time is a TorchSharp module: its tensors add up to the summary.
using var model = new MnistConvNet();
model.eval();
using (NewDisposeScope())
using (no_grad())
{
    var output = model.forward(zeros(2, 1, 28, 28));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"TorchSharp: {model.parameters().Sum(p => p.numel()):N0} parameters in {model.state_dict().Count} state_dict tensors; forward (2, 1, 28, 28) -> ({string.Join(", ", output.shape)})."));
}
