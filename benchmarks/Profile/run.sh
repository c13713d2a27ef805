#!/usr/bin/env bash
# Per-operator profile of one training step of the seed convnet (batch 64, RMSprop, 2 threads): ModelDsl with its
# fused kernels and ModelDsl's RMSProp, with TorchSharp's RMSProp, with MDSL_KERNELS=off, and the hand-written TorchSharp
# model, each in its own process, rounds alternating. Prints a markdown table (see README.md).
# Usage: benchmarks/Profile/run.sh [ROUNDS=3] [STEPS=60] [THREADS=2] [DATA_DIR] [WARMUP=10]
#        benchmarks/Profile/run.sh memory WAY [STEPS] [THREADS] [DATA_DIR]   (resident memory over the steps)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build -c Release "$here/Profile.csproj" -v quiet -nologo >/dev/null
exec dotnet "$here/bin/Release/net10.0/Profile.dll" "$@"
