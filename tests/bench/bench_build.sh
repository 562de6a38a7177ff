#!/bin/sh
# bench_build.sh: wall time and peak memory of `morgue build --no-commit`
# on a generated archive: a full build with one thread and with one per
# processor, and a rebuild with nothing changed. BENCH_N sets the size
# (default 10000). Prints figures only.
: "${MORGUE:=$(pwd)/morgue}"
n=${BENCH_N:-10000}
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 --out "$T/gen" \
    >/dev/null 2>&1 || exit 0
mkdir "$T/site"
mv "$T/gen/raw" "$T/site/content"
printf 'title = "bench"\n' >"$T/site/site.conf"
run() {	# LABEL ARGS...
	label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$T/time" "$MORGUE" build -C "$T/site" \
	    --no-commit "$@" 2>/dev/null
	read -r secs kb <"$T/time"
	printf '%-28s %6s s %8s KB max RSS\n' "$label" "$secs" "$kb"
}
echo "articles: $n ($(nproc) processors)"
run "full build, -j 1" -j 1
rm -rf "$T/site/public"
run "full build, -j $(nproc)" -j "$(nproc)"
run "rebuild, nothing changed"
