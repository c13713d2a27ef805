#!/usr/bin/env bash
# Image throughput, side by side: ModelDsl.Vision (ImageFolderDataset + ImageAugmenter + DataLoader) vs
# torchvision (ImageFolder + transforms + DataLoader with 2 workers) on the same folder of JPEGs.
# Usage: benchmarks/ImageThroughput/run.sh [COUNT] [EPOCHS]   (images generated once into artifacts/)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
count="${1:-2000}"
epochs="${2:-3}"
data="$repo/artifacts/image-bench"

if [ ! -d "$data" ] || [ "$(find "$data" -name '*.jpg' | wc -l)" -ne "$count" ]; then
  rm -rf "$data"
  echo "generating $count JPEGs into $data" >&2
  /usr/bin/python3 "$here/make_images.py" "$data" "$count"
fi

dotnet build "$here/ImageThroughput.csproj" -c Release -v q -nologo >&2
bin="$here/bin/Release/net10.0/ImageThroughput"

mdsl_log="$(mktemp)"; tv_log="$(mktemp)"
trap 'rm -f "$mdsl_log" "$tv_log"' EXIT
"$bin" "$data" --epochs "$epochs" --threads 2 | tee "$mdsl_log"
/usr/bin/python3 "$here/bench_torchvision.py" "$data" "$epochs" 32 2 | tee "$tv_log"

# Best epoch of each (the first includes start-up: worker processes, page cache, JIT). Wall-clock images/s
# is what training sees; images per CPU-second is the fairer number when other work shares the machine.
best() { grep -o "= [0-9.]* $2" "$1" | awk '{print $2}' | sort -g | tail -1; }
for unit in "images/s" "images/cpu-s"; do
  m="$(best "$mdsl_log" "$unit")"; t="$(best "$tv_log" "$unit")"
  awk -v m="$m" -v t="$t" -v u="$unit" 'BEGIN { printf "best epoch (%s): modeldsl %.1f, torchvision %.1f, ratio %.2fx\n", u, m, t, m / t }'
done
