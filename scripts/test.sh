#!/usr/bin/env bash
# The test command of README.md: installs the Debian packages the tests use (PyTorch as the reference
# oracle, the Fashion-MNIST data set, Chromium for the report test; scripts/setup.sh, only what is
# missing), builds everything and runs every test project, then prints "N passed, N failed".
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$repo/artifacts/test-results"
rm -rf "$results"
bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
dotnet build ModelDsl.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
dotnet test ModelDsl.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" "$@"
status=$?
python3 "$repo/scripts/trx_summary.py" "$results"
summary=$?
[ $status -eq 0 ] && exit $summary
exit $status
