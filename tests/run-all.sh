#!/usr/bin/env bash
# Runs every test of CanaryFlow on a fresh machine. Installs what the tests need when it is missing;
# a test that needs a tool that cannot be installed fails, it is never skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v kubectl >/dev/null 2>&1; then
  echo "tests/run-all.sh: kubectl is required on PATH (the conformance tests drive LocalCluster with it)" >&2
  exit 1
fi

# The Prometheus client and analysis tests run against a real Prometheus (Debian's package, 2.x).
if ! command -v prometheus >/dev/null 2>&1 && [ ! -x /usr/bin/prometheus ]; then
  apt_get=(apt-get)
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    apt_get=(sudo apt-get)
  fi
  echo "tests/run-all.sh: installing prometheus through apt" >&2
  # A stale package list is the usual reason an install fails on a fresh machine: update once, then try again.
  if ! DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends prometheus; then
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends prometheus
  fi
fi

# The Argo CD health check of examples/ is run by a real Lua 5.1, the language of Argo CD's Lua runtime.
if ! command -v lua5.1 >/dev/null 2>&1; then
  apt_get=(apt-get)
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    apt_get=(sudo apt-get)
  fi
  echo "tests/run-all.sh: installing lua5.1 through apt" >&2
  if ! DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends lua5.1; then
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends lua5.1
  fi
fi

# The SSH transport tests run Git over a real OpenSSH server (SshGitServer starts /usr/sbin/sshd as the current user).
if [ ! -x /usr/sbin/sshd ]; then
  apt_get=(apt-get)
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    apt_get=(sudo apt-get)
  fi
  echo "tests/run-all.sh: installing openssh-server through apt" >&2
  if ! DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends openssh-server; then
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends openssh-server
  fi
fi

# Test fixtures list each Prometheus and sshd they start here (a file named by its pid, holding the binary's path). Whatever
# way the run ends (a hang timeout kills the test host), those still alive are killed by id, and only if the pid
# still runs that binary, so a reused pid is never hit. The fixtures' own orphan guards do the same from inside.
CANARYFLOW_TEST_CHILD_PIDS="$(mktemp -d -t canaryflow-test-children.XXXXXX)"
export CANARYFLOW_TEST_CHILD_PIDS
kill_test_children() {
  local file pid binary
  for file in "$CANARYFLOW_TEST_CHILD_PIDS"/*; do
    [ -f "$file" ] || continue
    pid="$(basename "$file")"
    binary="$(head -n 1 "$file")"
    if [ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$binary")" ]; then
      echo "tests/run-all.sh: killing leftover $binary (pid $pid)" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$CANARYFLOW_TEST_CHILD_PIDS"
}
trap kill_test_children EXIT

dotnet build CanaryFlow.sln -c Release
# A hung test fails the run (with a dump) instead of eating CI's 90 minutes.
dotnet test CanaryFlow.sln -c Release --no-build --blame-hang-timeout 10m
