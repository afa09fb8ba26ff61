#!/usr/bin/env bash
# Builds the benchmark module (not part of the default build) and runs the short benchmark, which
# writes BENCHMARKS.md and chat-benchmarks/benchmarks.png at the repository root. Extra arguments go
# to the harness, e.g. --contenders RAW,CHAT_TEMPLATE --skip-jmh --skip-idle --seconds 3.
# --limits adds the rate-limit benchmarks (local and shared admission, streaming with limits on and
# off; about a minute more, needs redis-server); --limits-only runs just those and rewrites their
# section of BENCHMARKS.md in place.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbenchmarks -pl chat-benchmarks -am package -DskipTests
# 10,000 idle streams need 10,000 sockets in the client and as many in the stub.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -jar chat-benchmarks/target/chat-benchmarks.jar --out . "$@"
