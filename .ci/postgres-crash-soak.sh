#!/usr/bin/env bash
# PostgreSQL crash soak: the writer-kill test with many more SIGKILL cycles than the suite's 50.
# Each cycle starts a writer process on the test cluster's database and kills it at a random
# moment; the test then checks that every write the writer acknowledged is in the database and
# that every request equals the fold of its events (Tests/Civic311PostgresTests/CrashTests.swift).
# The test cluster is started by the test itself (initdb and pg_ctl on a Unix socket, as the
# postgres user when run as root), so this needs the PostgreSQL server binaries and nothing else.
#
#     .ci/postgres-crash-soak.sh [cycles]
set -euo pipefail
cd "$(dirname "$0")/.."

cycles="${1:-500}"

echo "PostgreSQL crash soak: $cycles cycles"
swift build --build-tests
CIVIC311_POSTGRES_CRASH_CYCLES="$cycles" \
    swift test --skip-build --filter 'CrashTests/killedWritersLoseNothingAcknowledged'
