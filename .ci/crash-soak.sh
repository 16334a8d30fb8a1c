#!/usr/bin/env bash
# Crash-safety soak for the SQLite store: runs the crash-safety test with many more kill cycles
# than the suite's 50. Each cycle starts civic311-crash-writer on one database, kills it with
# SIGKILL at a random moment, and checks that every write it acknowledged is there, whole, in a
# database that passes PRAGMA integrity_check.
#
#     .ci/crash-soak.sh [cycles] [seed]
#
# The seed picks the kill moments; rerun with the seed printed below to replay a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

cycles="${1:-500}"
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"

echo "crash soak: $cycles cycles, seed $seed"
swift build --build-tests
CIVIC311_CRASH_CYCLES="$cycles" CIVIC311_CRASH_SEED="$seed" \
    swift test --skip-build --filter CrashSafetyTests
