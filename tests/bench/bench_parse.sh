#!/bin/sh
# bench_parse.sh: parse throughput on one core (parse + Markdown page with
# front matter, files already in memory), on ../shared/corpus and on a
# generated archive of BENCH_N articles (default 10000). Prints figures.
#   make bench, or: make all build/bench/bench_parse && sh tests/bench/bench_parse.sh
: "${BUILD:=build}"
bin=$BUILD/bench/bench_parse
n=${BENCH_N:-10000}
if [ ! -x "$bin" ]; then
	echo "bench_parse: $bin is not built (make $bin)"
	exit 0
fi
if [ -z "$SHARED" ] || [ ! -d "$SHARED" ]; then
	echo "bench_parse: ../shared is absent; nothing to measure"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

find "$SHARED/corpus" -type f \( -name '*.txt' -o -name '*.md' \) | sort \
    >"$T/corpus.list"
printf 'shared corpus (%s files):  ' "$(wc -l <"$T/corpus.list")"
"$bin" -s 3 <"$T/corpus.list"

python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 --out "$T/gen" \
    --no-hugo >/dev/null 2>&1 || { echo "gen_corpus.py failed"; exit 0; }
find "$T/gen" -type f -name '*.txt' | sort >"$T/gen.list"
printf 'generated, seed 1 (%s files):  ' "$(wc -l <"$T/gen.list")"
"$bin" -s 3 <"$T/gen.list"
