#!/usr/bin/env bash
# 1 vs 2 ranks of the seed convnet's training step through Trainer.Fit (global batch 64, one libtorch thread per
# process), on this machine over MPICH's shared-memory transport. Each rank prints its median and mean step time,
# the share of the step spent in collective calls (waiting included) and in copying gradients to and from the
# buckets, and the bytes it sends into Allreduce per step (on a cluster, ring Allreduce moves 2(N-1)/N of that per
# process and step over the network).
# Usage: benchmarks/Distributed/run.sh [STEPS] [WARMUP]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
steps="${1:-200}"
warmup="${2:-20}"
dotnet build -c Release "$here/Distributed.csproj" -v quiet -nologo >/dev/null
dll="$here/bin/Release/net10.0/Distributed.dll"
export OMP_NUM_THREADS=1
echo "1 rank:";  dotnet "$dll" "$steps" "$warmup"
echo "2 ranks:"; mpiexec -n 2 dotnet "$dll" "$steps" "$warmup" | grep -v '^data-parallel job'
