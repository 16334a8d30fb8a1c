#!/usr/bin/env bash
# Creates the SimPy peer's virtual environment in Benchmarks/.build-simpy (ignored by git) and
# installs simpy 4.1.2 into it. Safe to run again: an existing environment with simpy is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/../.build-simpy"
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
    echo "setup-venv: $python not found" >&2
    exit 3
fi
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import simpy, sys; sys.exit(simpy.__version__ != "4.1.2")' 2>/dev/null; then
    exit 0
fi
"$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "simpy==4.1.2" >&2
