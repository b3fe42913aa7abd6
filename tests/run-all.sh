#!/usr/bin/env bash
# Runs every test of CanaryFlow on a fresh machine. Installs what the tests need when it is missing;
# a test that needs a tool that cannot be installed fails, it is never skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v kubectl >/dev/null 2>&1; then
  echo "tests/run-all.sh: kubectl is required on PATH (the conformance tests drive LocalCluster with it)" >&2
  exit 1
fi

dotnet build CanaryFlow.sln -c Release
# A hung test fails the run (with a dump) instead of eating CI's 90 minutes.
dotnet test CanaryFlow.sln -c Release --no-build --blame-hang-timeout 10m
