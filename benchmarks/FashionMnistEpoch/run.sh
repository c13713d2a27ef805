#!/usr/bin/env bash
# One Fashion-MNIST training epoch of the seed convnet, three sides on the same machine in one run:
# ModelDsl (generated model + Trainer.Fit, the main job's path), the same model hand-written in TorchSharp
# (plain loop over in-memory tensors) and PyTorch (Debian's python3-torch 1.13); same data, batch size and
# optimizer, 2 threads each. Prints each run's time and peak memory (/usr/bin/time -v "Maximum resident set
# size"), each side's best, and the ratios. Sides alternate, their order rotating every round.
# Usage: benchmarks/FashionMnistEpoch/run.sh [DATA_DIR] [THREADS] [ROUNDS] [TRAIN_LIMIT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
threads="${2:-2}"
rounds="${3:-1}"
limit="${4:-60000}"

# OpenMP wait policy: every process gets the same one, libgomp's default unless OMP_WAIT_POLICY is set.
# It matters a lot on this 2-core VM (a spinning neighbour slows everyone), so compare like with like.
policy="${OMP_WAIT_POLICY:-default}"
if [[ "$policy" == default ]]; then unset OMP_WAIT_POLICY; else export OMP_WAIT_POLICY="$policy"; fi

dotnet build -c Release "$here/FashionMnistEpoch.csproj" -v quiet -nologo >/dev/null
dll="$here/bin/Release/net10.0/FashionMnistEpoch.dll"
log="$(mktemp -d)"

measure() { # side
    case "$1" in
        pytorch) /usr/bin/time -v /usr/bin/python3 "$here/pytorch_epoch.py" "$data" "$threads" "$limit" >"$log/out" 2>"$log/time" ;;
        *) /usr/bin/time -v dotnet "$dll" "$1" "$data" "$threads" "$limit" >"$log/out" 2>"$log/time" ;;
    esac
    local rss
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log/time")"
    echo "$(grep epoch_seconds "$log/out") peak_rss_mb=$((rss / 1024))"
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$2"; }
declare -A best rss
sides=(modeldsl torchsharp pytorch)
for ((r = 0; r < rounds; r++)); do
    for ((k = 0; k < 3; k++)); do
        s="${sides[$(((r + k) % 3))]}"
        out="$(measure "$s")"
        echo "round $((r + 1)): $out"
        t="$(field epoch_seconds "$out")"; m="$(field peak_rss_mb "$out")"
        if [[ -z "${best[$s]:-}" ]] || awk "BEGIN{exit !($t < ${best[$s]})}"; then best[$s]="$t"; fi
        if [[ -z "${rss[$s]:-}" ]] || (( m > ${rss[$s]} )); then rss[$s]="$m"; fi
    done
done
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
echo "load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "OpenMP wait policy: $policy"
echo "best epoch seconds: modeldsl ${best[modeldsl]}, torchsharp ${best[torchsharp]}, pytorch ${best[pytorch]}"
echo "ratios: modeldsl/torchsharp $(ratio "${best[modeldsl]}" "${best[torchsharp]}"), modeldsl/pytorch $(ratio "${best[modeldsl]}" "${best[pytorch]}"), torchsharp/pytorch $(ratio "${best[torchsharp]}" "${best[pytorch]}")"
echo "peak RSS MB (highest of the rounds): modeldsl ${rss[modeldsl]}, torchsharp ${rss[torchsharp]}, pytorch ${rss[pytorch]}"
rm -rf "$log"
