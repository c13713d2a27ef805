#!/usr/bin/env bash
# One training step of the seed's MNIST convnet (batch 64, Keras RMSprop, cross-entropy on logits), three
# sides on the same machine in one run: ModelDsl's generated model, the same model hand-written in
# TorchSharp, and PyTorch (Debian's python3-torch 1.13). 2 threads each, fixed random batch.
# Sides alternate (their order rotates every round) so background load hits all alike; each side's best
# median over the rounds is compared, and every round is printed so the spread is visible.
# Usage: benchmarks/TrainStep/run.sh [THREADS] [STEPS] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
threads="${1:-2}"
steps="${2:-200}"
rounds="${3:-3}"

dotnet build -c Release "$here/TrainStep.csproj" -v quiet -nologo >/dev/null
dll="$here/bin/Release/net10.0/TrainStep.dll"

run_side() {
    case "$1" in
        pytorch) /usr/bin/python3 "$here/pytorch_train_step.py" "$threads" "$steps" 20 ;;
        *) dotnet "$dll" "$1" "$threads" "$steps" 20 ;;
    esac
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$2"; }
declare -A best cpu
sides=(modeldsl torchsharp pytorch)
for ((r = 0; r < rounds; r++)); do
    for ((k = 0; k < 3; k++)); do
        s="${sides[$(((r + k) % 3))]}"
        out="$(run_side "$s")"
        echo "round $((r + 1)): $out"
        m="$(field ms_per_step "$out")"; c="$(field cpu_ms_per_step "$out")"
        if [[ -z "${best[$s]:-}" ]] || awk "BEGIN{exit !($m < ${best[$s]})}"; then best[$s]="$m"; fi
        if [[ -z "${cpu[$s]:-}" ]] || awk "BEGIN{exit !($c < ${cpu[$s]})}"; then cpu[$s]="$c"; fi
    done
done
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
echo "train step, best median ms (batch 64, $threads threads): modeldsl ${best[modeldsl]}, torchsharp ${best[torchsharp]}, pytorch ${best[pytorch]}"
echo "ratios: modeldsl/torchsharp $(ratio "${best[modeldsl]}" "${best[torchsharp]}"), modeldsl/pytorch $(ratio "${best[modeldsl]}" "${best[pytorch]}"), torchsharp/pytorch $(ratio "${best[torchsharp]}" "${best[pytorch]}")"
echo "cpu ms per step: modeldsl ${cpu[modeldsl]}, torchsharp ${cpu[torchsharp]}, pytorch ${cpu[pytorch]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
