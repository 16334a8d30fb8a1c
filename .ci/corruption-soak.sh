#!/usr/bin/env bash
# Corruption soak for the SQLite store: runs the corruption-injection test with many more
# corruptions than the suite's 60. Each one damages a copy of a store file at random (bytes,
# runs of bytes, pages, misdirected pages, truncation, or one field changed through SQL),
# reads everything back, and fails if any damage returned wrong data or came back short
# without an error.
#
#     .ci/corruption-soak.sh [corruptions] [seed]
#
# The seed picks the damages; rerun with the seed printed below to replay a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

corruptions="${1:-1000}"
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"

echo "corruption soak: $corruptions corruptions, seed $seed"
swift build --build-tests
CIVIC311_CORRUPTIONS="$corruptions" CIVIC311_CORRUPTION_SEED="$seed" \
    swift test --skip-build --filter CorruptionInjectionTests
