#!/usr/bin/env bash
# Per-call cost of small tensor ops: ModelDsl.Torch (C#) beside PyTorch, same cases and thread count.
# Prints one line per case with both times and the ratio ModelDsl / PyTorch (below 1: ModelDsl is faster).
# Usage: benchmarks/TensorOps/run.sh [THREADS] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
threads="${1:-1}"
rounds="${2:-5}"

dotnet build -c Release "$here/TensorOps.csproj" -v quiet -nologo >/dev/null
cs="$(dotnet "$here/bin/Release/net10.0/TensorOps.dll" "$threads" "$rounds")"
py="$(/usr/bin/python3 "$here/pytorch_tensor_ops.py" "$threads" "$rounds")"

printf '%-14s %12s %12s %7s\n' case modeldsl_us pytorch_us ratio
join <(echo "$cs" | sed 's/case=//; s/ us_per_call=/ /' | sort) <(echo "$py" | sed 's/case=//; s/ us_per_call=/ /' | sort) |
    awk '{ printf "%-14s %12.2f %12.2f %7.2f\n", $1, $2, $3, $2 / $3 }'
