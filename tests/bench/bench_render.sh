#!/bin/sh
# tests/bench/bench_render.sh: render throughput, every page of the site
# (articles, tag kinds and terms with their feeds, sources, agencies,
# archive, index, feeds, search index, sitemap) for a generated archive
# of BENCH_N articles (default 10000), on one core. Target: at least
# 5,000 article pages per second. Prints figures only: first with the
# output in memory (tmpfs, /dev/shm), which measures the renderer, then
# on the disk of $TMPDIR, where the kernel's cost of making some 30,000
# files and directories (sys_s) is added.
cd "$(dirname "$0")/../.." || exit 2
n=${BENCH_N:-10000}
bin=${BUILD:-build}/bench/bench_render
[ -x "$bin" ] || make -s "$bin" >/dev/null || exit 2
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
M=
trap 'rm -rf "$T" $M' EXIT
python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 --out "$T/gen" \
    >/dev/null 2>&1 || { echo "gen_corpus.py failed"; exit 0; }
if [ -d /dev/shm ] && M=$(mktemp -d /dev/shm/morgue-bench.XXXXXX); then
	echo "-- output in memory ($M)"
	"$bin" "$T/gen" "$M/out" 2>/dev/null
fi
echo "-- output on disk ($T)"
"$bin" "$T/gen" "$T/out" 2>/dev/null
