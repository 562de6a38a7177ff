#!/bin/sh
# bench_incremental.sh: what a build costs against what changed, beside
# Hugo. For each size in BENCH_SIZES (default "1000 10000 50000") it
# generates that many articles, then prints, in the same run:
#   - the full build (raw text to committed archive) of morgue, and of
#     Debian's hugo on the same articles as ready Markdown when hugo is
#     installed: wall and processor seconds, peak memory, output bytes;
#   - morgue's rebuilds with nothing changed, one article corrected and
#     one added: wall and processor seconds, the files each commit
#     touches and how much archive.git grew;
#   - whether the incremental output equals `morgue build --full
#     --no-commit` of the same project, byte for byte;
#   - the ratios.
# Figures only: nothing here passes or fails.
: "${MORGUE:=$(pwd)/morgue}"
sizes=${BENCH_SIZES:-1000 10000 50000}
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

# run LABEL CMD...: times CMD; sets wall, cpu, kb.
run() {
	label=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$T/time" "$@" >/dev/null 2>"$T/err"
	read -r wall u s kb <"$T/time"
	cpu=$(echo "$u + $s" | bc)
	printf '%-34s %8s s wall %8s s cpu %8s KB peak\n' "$label" "$wall" \
	    "$cpu" "$kb"
}

kb() { du -sk "$1" | cut -f1; }

# stages: what build -v said of the last run's stages (processor
# seconds each, and how many articles the rules ran on).
stages() {
	grep -q '^morgue: note: nothing changed since the last build' \
	    "$T/err" && { echo '  nothing ran: the last build stands'; return; }
	printf '  stages (processor s):'
	sed -n 's/^morgue: note: \([a-z ,-]*\): [0-9.]* s (processor \([0-9.]*\) s.*/ \1 \2;/p' \
	    "$T/err" | tr -d '\n'
	sed -n 's/^morgue: note: rules: \([0-9]* of [0-9]*\) articles run.*/ rules ran on \1/p' \
	    "$T/err" | tr -d '\n'
	echo
}

touched() {
	git --git-dir="$1/archive.git" diff --name-only archive~1 archive |
	    wc -l
}

for n in $sizes; do
	echo "== $n articles ($(nproc) processors)"
	rm -rf "$T/gen" "$T/site" "$T/full" "$T/hugo-out"
	python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 \
	    --out "$T/gen" >/dev/null 2>&1 || { echo "no corpus"; continue; }
	mkdir "$T/site"
	cp -R "$T/gen/raw" "$T/site/content"
	cp -R templates "$T/site/"
	printf 'title = "bench"\n' >"$T/site/site.conf"
	run "morgue full build" "$MORGUE" build -C "$T/site" -q
	mw=$wall mc=$cpu
	echo "  output $(kb "$T/site/public") KB in" \
	    "$(find "$T/site/public" -type f | wc -l) files;" \
	    "archive.git $(kb "$T/site/archive.git") KB"
	if command -v hugo >/dev/null; then
		cp "$SHARED/bench/hugo-site/hugo.toml" "$T/gen/hugo/"
		cp -R "$SHARED/bench/hugo-site/layouts" "$T/gen/hugo/"
		run "hugo full build" hugo --quiet -s "$T/gen/hugo" \
		    -d "$T/hugo-out"
		echo "  output $(kb "$T/hugo-out") KB;" \
		    "hugo/morgue: wall $(echo "scale=1; $wall / $mw" | bc)x," \
		    "cpu $(echo "scale=1; $cpu / $mc" | bc)x"
	fi
	run "rebuild, nothing changed" "$MORGUE" build -C "$T/site" -v
	stages
	a0=$(kb "$T/site/archive.git")
	f=$(ls "$T/site/content" | sed -n "$((n / 2))p")
	sed -i '0,/ said /s// told reporters /' "$T/site/content/$f"
	run "rebuild, one article corrected" "$MORGUE" build -C "$T/site" -v
	stages
	a1=$(kb "$T/site/archive.git")
	echo "  commit touches $(touched "$T/site") files;" \
	    "archive.git $(printf %+d $((a1 - a0))) KB"
	# A copy of an article, dated after every other: a new story.
	sed '1,6s/20[0-9][0-9]/2030/' "$T/site/content/$f" \
	    >"$T/site/content/zz-added.txt"
	run "rebuild, one article added" "$MORGUE" build -C "$T/site" -v
	stages
	a2=$(kb "$T/site/archive.git")
	echo "  commit touches $(touched "$T/site") files;" \
	    "archive.git $(printf %+d $((a2 - a1))) KB"
	rm -rf "$T/gc.git"
	git clone -q --bare "$T/site/archive.git" "$T/gc.git" 2>/dev/null &&
	    git --git-dir="$T/gc.git" gc -q --aggressive 2>/dev/null
	echo "  archive.git $(kb "$T/site/archive.git") KB; after git gc" \
	    "$(kb "$T/gc.git") KB"
	cp -R "$T/site/public" "$T/inc"
	run "full rebuild (--full --no-commit)" "$MORGUE" build -C "$T/site" \
	    --full --no-commit -q
	if diff -r "$T/inc" "$T/site/public" >/dev/null; then
		echo "  incremental output equals --full: yes"
	else
		echo "  incremental output equals --full: NO"
	fi
	rm -rf "$T/inc"
done
