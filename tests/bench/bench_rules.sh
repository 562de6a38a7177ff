#!/bin/sh
# bench_rules.sh: the default rules (lua/aliases.lua, tags.lua, links.lua)
# over a generated archive of BENCH_N articles (default 10000), on one
# core, articles already parsed, as a full build runs them (through the
# rules' cache, which it writes). Prints figures.
#   make bench, or: make all build/bench/bench_rules && sh tests/bench/bench_rules.sh
: "${BUILD:=build}"
bin=$BUILD/bench/bench_rules
n=${BENCH_N:-10000}
if [ ! -x "$bin" ]; then
	echo "bench_rules: $bin is not built (make $bin)"
	exit 0
fi
if [ -z "$SHARED" ] || [ ! -d "$SHARED" ]; then
	echo "bench_rules: ../shared is absent; nothing to measure"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 --out "$T/gen" \
    --no-hugo >/dev/null 2>&1 || { echo "gen_corpus.py failed"; exit 0; }
find "$T/gen" -type f -name '*.txt' | sort >"$T/gen.list"
printf 'default rules, generated seed 1: '
"$bin" -s 3 -c "$T/rules.cache" <"$T/gen.list"
