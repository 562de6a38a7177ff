#!/bin/sh
# bench_related.sh: how copies, related stories and threads scale. Times
# related_compute() (CPU seconds on one core, the least of 3 runs) on
# generated archives of 1,000 and 10,000 articles, and with
# BENCH_RELATED_LARGE=1 also 100,000 (it takes some minutes, about 650 MB
# of disk and 1.5 GB of memory: not for every run). Each size is ten
# times the last: linear cost gives a ratio of 10, and the limit is 15.
# Prints figures: the time, the peak memory of the whole process
# (/usr/bin/time -v; the parsed articles take most of it) and what
# related_compute() added to it, and the precision and recall of copies
# against the generator's manifest. With tags, each article also gets the
# manifest's people, places, organisations and topics, as rules that
# know them would give.
#   make bench, or: make all build/bench/bench_related && sh tests/bench/bench_related.sh
: "${BUILD:=build}"
bin=$BUILD/bench/bench_related
if [ ! -x "$bin" ]; then
	echo "bench_related: $bin is not built (make $bin)"
	exit 0
fi
if [ -z "$SHARED" ] || [ ! -d "$SHARED" ]; then
	echo "bench_related: ../shared is absent; nothing to measure"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
sizes="1000 10000"
[ -n "$BENCH_RELATED_LARGE" ] && sizes="$sizes 100000"

# get FILE KEY: the value of a `key value` line.
get() { sed -n "s/^$2 //p" "$1"; }

# run N [-t]: the figures of one archive, in $T/N$2.out.
run() {
	n=$1 out=$T/$1$2.out
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v "$bin" -r 3 $2 "$T/gen$n" >"$out" 2>"$T/time" ||
		    { echo "bench_related failed on $n"; cat "$T/time"; return 1; }
		kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/time")
		peak=$(awk "BEGIN { printf \"%.0f\", $kb / 1024 }")
	else
		"$bin" -r 3 $2 "$T/gen$n" >"$out" || return 1
		peak=$(get "$out" rss_peak_mib)
	fi
	added=$(awk "BEGIN { printf \"%.0f\", $(get "$out" rss_peak_mib) - \
	    $(get "$out" rss_load_mib) }")
	printf '%7s articles%-6s %8s s  peak %5s MiB (related +%s)  copies: precision %s, recall %s\n' \
	    "$n" "${2:+, tags}" "$(get "$out" seconds)" "$peak" "$added" \
	    "$(get "$out" precision)" "$(get "$out" recall)"
}

echo "related_compute, one core: $bin -r 3 [-t] DIR, under /usr/bin/time -v"
for n in $sizes; do
	python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 \
	    --out "$T/gen$n" --no-hugo >/dev/null 2>&1 ||
	    { echo "gen_corpus.py --n $n failed"; exit 0; }
	run "$n" || exit 0
	run "$n" -t || exit 0
	rm -rf "$T/gen$n"
done
prev=
for n in $sizes; do
	if [ -n "$prev" ]; then
		for t in "" -t; do
			a=$(get "$T/$prev$t.out" seconds)
			b=$(get "$T/$n$t.out" seconds)
			awk "BEGIN { r = $b / ($a > 0 ? $a : 0.001);
			    printf \"ratio %s/%s%s: %.1f (linear 10, limit 15): %s\n\",
			    $n, $prev, \"${t:+, tags}\", r, r < 15 ? \"ok\" : \"TOO SLOW\" }"
		done
	fi
	prev=$n
done
[ -z "$BENCH_RELATED_LARGE" ] &&
    echo "(100,000 articles: BENCH_RELATED_LARGE=1 make bench)"
exit 0
