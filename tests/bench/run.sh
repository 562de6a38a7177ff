#!/bin/sh
# tests/bench/run.sh: runs every tests/bench/bench_*.sh in turn. Each
# prints its own figures; none of them passes or fails.
cd "$(dirname "$0")/../.." || exit 2
export MORGUE="$(pwd)/morgue"
if [ -d ../shared ]; then export SHARED="$(cd ../shared && pwd)"; else
	echo "../shared is absent: the benchmarks need its corpus and generator"
	exit 0
fi
for b in tests/bench/bench_*.sh; do
	[ -f "$b" ] || continue
	echo "== $b"
	sh "$b"
done
