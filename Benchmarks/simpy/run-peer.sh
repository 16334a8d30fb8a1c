#!/usr/bin/env bash
# Runs the SimPy 111 call center (peer111.py) with REPLICATIONS replications and prints its JSON
# line, creating the virtual environment first when it is missing. Exits non-zero with a message on
# standard error when Python or simpy cannot be had; the benchmark then reports the peer as skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/setup-venv.sh"
exec "$here/../.build-simpy/bin/python" "$here/peer111.py" "${1:-200}"
