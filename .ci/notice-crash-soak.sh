#!/usr/bin/env bash
# Notice crash soak: runs the notice crash test with many more kill cycles than the suite's 25.
# Each cycle starts civic311-notice-crash on one database and one message gateway kept in files,
# kills it with SIGKILL at a random moment (while it works requests through their lifecycle, sends
# notices, or starts up); then one --drain run sends what is left, and the test checks that every
# notice the store's changes call for was taken by the gateway exactly once under its key, none
# under another key, every send acknowledged in the end, and a key sent again (after a kill) with
# the same words.
#
#     .ci/notice-crash-soak.sh [cycles] [seed]
#
# The seed picks the kill moments; rerun with the seed printed below to replay a failure's kills.
set -euo pipefail
cd "$(dirname "$0")/.."

cycles="${1:-500}"
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"

echo "notice crash soak: $cycles cycles, seed $seed"
swift build --build-tests
CIVIC311_NOTICE_CRASH_CYCLES="$cycles" CIVIC311_CRASH_SEED="$seed" \
    swift test --skip-build --filter NoticeCrashTests
