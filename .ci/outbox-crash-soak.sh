#!/usr/bin/env bash
# Outbox crash soak: runs the outbox crash test with many more kill cycles than the suite's 30.
# Each cycle starts civic311-outbox-crash on one database and one back-office log, kills it with
# SIGKILL at a random moment (while it takes requests in, delivers them, or starts up); then one
# --drain run delivers what is left, and the test checks that every acknowledged request was
# dispatched exactly once, every acceptance delivered, no key took effect twice, and each
# request records the reference the back office answered.
#
#     .ci/outbox-crash-soak.sh [cycles] [seed]
#
# The seed picks the kill moments; rerun with the seed printed below to replay a failure's kills.
set -euo pipefail
cd "$(dirname "$0")/.."

cycles="${1:-500}"
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"

echo "outbox crash soak: $cycles cycles, seed $seed"
swift build --build-tests
CIVIC311_OUTBOX_CRASH_CYCLES="$cycles" CIVIC311_CRASH_SEED="$seed" \
    swift test --skip-build --filter OutboxCrashTests
