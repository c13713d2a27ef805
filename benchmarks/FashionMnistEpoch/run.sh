#!/usr/bin/env bash
# One Fashion-MNIST training epoch of the seed convnet: ModelDsl (C#) beside PyTorch (Debian's python3-torch),
# same model, data, batch size and optimizer, 2 threads each. Prints each run's time and peak memory
# (/usr/bin/time -v "Maximum resident set size") and the ratio ModelDsl / PyTorch (lower is better for ModelDsl).
# Usage: benchmarks/FashionMnistEpoch/run.sh [DATA_DIR] [THREADS] [ROUNDS] [TRAIN_LIMIT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
threads="${2:-2}"
rounds="${3:-1}"
limit="${4:-60000}"

# OpenMP wait policy: both processes get the same one, libgomp's default unless OMP_WAIT_POLICY is set.
# It matters a lot on this 2-core VM, so compare like with like and say which was used:
#   default (unset): idle threads spin briefly, then sleep; what users of either library get.
#   PASSIVE: threads sleep at once; use it on a loaded machine, where spinning made PyTorch ~10x slower
#            (957 ms/step vs 101 ms/step measured here); every parallel region then pays a wake-up.
#   ACTIVE: threads always spin; fastest on a quiet machine, worst on a loaded one.
policy="${OMP_WAIT_POLICY:-default}"
if [[ "$policy" == default ]]; then unset OMP_WAIT_POLICY; else export OMP_WAIT_POLICY="$policy"; fi

dotnet build -c Release "$here/FashionMnistEpoch.csproj" -v quiet -nologo >/dev/null
dll="$here/bin/Release/net10.0/FashionMnistEpoch.dll"
log="$(mktemp -d)"

measure() { # name, command...
    local name="$1"; shift
    /usr/bin/time -v "$@" >"$log/$name.out" 2>"$log/$name.time"
    local line rss
    line="$(grep epoch_seconds "$log/$name.out")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log/$name.time")"
    echo "$line peak_rss_mb=$((rss / 1024))"
}

best_cs=""; best_py=""
for ((r = 1; r <= rounds; r++)); do
    # Alternate the order so background load on a shared machine hits both alike.
    cs="$(measure modeldsl dotnet "$dll" "$data" "$threads" "$limit")"
    py="$(measure pytorch /usr/bin/python3 "$here/pytorch_epoch.py" "$data" "$threads" "$limit")"
    echo "round $r: $cs"
    echo "round $r: $py"
    t_cs="$(sed -E 's/.*epoch_seconds=([0-9.]+).*/\1/' <<<"$cs")"
    t_py="$(sed -E 's/.*epoch_seconds=([0-9.]+).*/\1/' <<<"$py")"
    if [[ -z "$best_cs" ]] || awk "BEGIN{exit !($t_cs < $best_cs)}"; then best_cs="$t_cs"; fi
    if [[ -z "$best_py" ]] || awk "BEGIN{exit !($t_py < $best_py)}"; then best_py="$t_py"; fi
done
echo "load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg) (wall times are only comparable on a quiet machine; cpu_seconds less affected)"
echo "OpenMP wait policy: $policy"
echo "best epoch: modeldsl ${best_cs}s, pytorch ${best_py}s, ratio $(awk "BEGIN{printf \"%.2f\", $best_cs / $best_py}") (goal <= 0.70)"
rm -rf "$log"
