#!/usr/bin/env bash
# Inference benchmarks of issue 12, each side by side in one process (ModelDsl's prepared inference path vs the same
# network in TorchSharp), sides alternating with the order swapping every round; prints a table row per benchmark with
# medians, min-max and the speed-up, and the outputs' agreement:
#   mnist         predict over the 10,000 Fashion-MNIST test images (seed convnet, batch 500): Trainer.Predict on the
#                 generated FashionConvNet (variant zoo: the zoo MnistConvNet) vs the hand-written TorchSharp Sequential
#                 (benchmarks/Common) in eval under no_grad
#   resnet50      batch 8, 3x224x224: the zoo ResNet50's plan vs TorchVision's TorchSharp resnet50, same weights
#   mobilenet_v2  the same for MobileNetV2
# Usage: benchmarks/Inference/run.sh [ROUNDS] [THREADS] [BENCHMARKS...] [-- VARIANTS...]
#   variants (ModelDsl side only): nofold, nchw, nokernels, eager (the model's own forward, no plan), zoo (mnist)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-5}"
threads="${2:-2}"
shift $(( $# > 2 ? 2 : $# ))
benches=()
while [[ $# -gt 0 && "$1" != "--" ]]; do benches+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
variants=("$@")
[[ ${#benches[@]} -eq 0 ]] && benches=(mnist resnet50 mobilenet_v2)

# Same OpenMP wait policy as the other benchmarks: libgomp's default unless OMP_WAIT_POLICY is set.
policy="${OMP_WAIT_POLICY:-default}"
if [[ "$policy" == default ]]; then unset OMP_WAIT_POLICY; else export OMP_WAIT_POLICY="$policy"; fi

dotnet build -c Release "$here/Inference.csproj" -v quiet -nologo >/dev/null
dll="$here/bin/Release/net10.0/Inference.dll"
for b in "${benches[@]}"; do
    dotnet "$dll" "$b" "$rounds" "$threads" "${variants[@]}"
    echo
done
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg); OpenMP wait policy: $policy"
