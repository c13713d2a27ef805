#!/usr/bin/env bash
# One training step of the seed's MNIST convnet (batch 64, Keras RMSprop, cross-entropy) in ModelDsl.Torch
# beside PyTorch (Debian's python3-torch 1.13, same libtorch), 2 threads each, fixed random batch.
# Prints each side's median wall ms/step and CPU ms/step (steadier on a loaded machine) over the timed
# steps and the ratios ModelDsl / PyTorch (lower is better).
# Runs alternate sides for ROUNDS rounds and keeps each side's best median, so background load hits both alike.
# Usage: benchmarks/TrainStep/run.sh [THREADS] [STEPS] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
threads="${1:-2}"
steps="${2:-200}"
rounds="${3:-3}"

dotnet build -c Release "$here/TrainStep.csproj" -v quiet -nologo >/dev/null
dll="$here/bin/Release/net10.0/TrainStep.dll"

median() { sed -E 's/.* ms_per_step=([0-9.]+).*/\1/' <<<"$1"; }
cpu() { sed -E 's/.*cpu_ms_per_step=([0-9.]+).*/\1/' <<<"$1"; }
best_cs=""; best_py=""; cpu_cs=""; cpu_py=""
for ((r = 1; r <= rounds; r++)); do
    cs="$(dotnet "$dll" "$threads" "$steps" 20)"
    py="$(/usr/bin/python3 "$here/pytorch_train_step.py" "$threads" "$steps" 20)"
    echo "round $r: $cs"
    echo "round $r: $py"
    m_cs="$(median "$cs")"; m_py="$(median "$py")"
    c_cs="$(cpu "$cs")"; c_py="$(cpu "$py")"
    if [[ -z "$cpu_cs" ]] || awk "BEGIN{exit !($c_cs < $cpu_cs)}"; then cpu_cs="$c_cs"; fi
    if [[ -z "$cpu_py" ]] || awk "BEGIN{exit !($c_py < $cpu_py)}"; then cpu_py="$c_py"; fi
    if [[ -z "$best_cs" ]] || awk "BEGIN{exit !($m_cs < $best_cs)}"; then best_cs="$m_cs"; fi
    if [[ -z "$best_py" ]] || awk "BEGIN{exit !($m_py < $best_py)}"; then best_py="$m_py"; fi
done
echo "train step (batch 64, $threads threads): modeldsl ${best_cs} ms, pytorch ${best_py} ms, ratio $(awk "BEGIN{printf \"%.2f\", $best_cs / $best_py}")"
echo "cpu per step: modeldsl ${cpu_cs} ms, pytorch ${cpu_py} ms, ratio $(awk "BEGIN{printf \"%.2f\", $cpu_cs / $cpu_py}")"
