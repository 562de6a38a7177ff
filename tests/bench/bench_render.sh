#!/bin/sh
# tests/bench/bench_render.sh: render throughput, every page of the site
# (articles, tag kinds and terms with their feeds, sources, agencies,
# archive, index, feeds, search index, sitemap) for a generated archive
# of BENCH_N articles (default 10000), on one core. Target: at least
# 5,000 article pages per second. Prints figures only.
cd "$(dirname "$0")/../.." || exit 2
n=${BENCH_N:-10000}
bin=${BUILD:-build}/bench/bench_render
[ -x "$bin" ] || make -s "$bin" >/dev/null || exit 2
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 --out "$T/gen" \
    >/dev/null 2>&1 || { echo "gen_corpus.py failed"; exit 0; }
"$bin" "$T/gen" "$T/out" 2>/dev/null
