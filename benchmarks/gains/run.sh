#!/usr/bin/env bash
# Times the gains stage (read, compute, write) on a generated warehouse of 10 000 initiatives ×
# 4 gain types × 40 quarters with links to 20 000 indicator series, in a release build.
# The generator is Tests/GevinstGainsTests/GainsBenchmark.swift (SQL); the figure is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
GEVINST_GAINS_BENCHMARK=1 swift test -c release --filter GainsBenchmark 2>&1 | grep -E "gains benchmark|error|passed|failed"
