#!/bin/sh
# bench_archive.sh: the archive commit against the git command, on the
# output of `morgue build` for a generated archive of BENCH_N articles
# (default 10000): the first commit of the site, then the commit after
# one article's text changed (the output directory is replaced as a
# whole, as every build does), each against `git add -A && git commit`
# of the same tree. The rebuild is written beside the output and put in
# its place by bench_archive, as a build does, so that the commit gets
# the build's list of changes; the replacement is timed apart ("outdir").
# Prints figures only (seconds, wall).
: "${MORGUE:=$(pwd)/morgue}"
B=$(dirname "$MORGUE")/build/bench/bench_archive
[ -x "$B" ] || B=$(pwd)/build/bench/bench_archive
n=${BENCH_N:-10000}
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 --out "$T/gen" \
    >/dev/null 2>&1 || exit 0
mkdir "$T/site"
mv "$T/gen/raw" "$T/site/content"
printf 'title = "bench"\n' >"$T/site/site.conf"
cp -R templates lua "$T/site/"
"$MORGUE" build -C "$T/site" --no-commit -q 2>"$T/err" ||
    { echo "the build failed:"; tail -3 "$T/err"; exit 0; }
P=$T/site/public
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org
git init -q --bare "$T/git.git"
# No automatic gc: its background packing would run during the next figures.
git --git-dir="$T/git.git" config gc.auto 0
gitc() {	# the git command's commit of the output directory
	/usr/bin/time -f %e -o "$T/time" sh -c 'git --git-dir="$1" \
	    --work-tree="$2" add -A && git --git-dir="$1" --work-tree="$2" \
	    commit -q -m build' sh "$T/git.git" "$P" >"$T/git.out" 2>&1 ||
	    { echo "git failed:"; tail -3 "$T/git.out"; }
	tail -1 "$T/time"
}
morguec() {	# STORE [NEW]: archive_commit() of the output directory
	"$B" "$T/morgue.git" "$P" "$@" >"$T/m.out" || exit 0
	sed 's/^commit \([0-9.]*\).*/\1/' "$T/m.out"
}
echo "articles: $n; output: $(find "$P" -type f | wc -l) files," \
    "$(du -sm "$P" | cut -f1) MB"
m=$(morguec auto)
g=$(gitc)
echo "first commit:        morgue $m s   git add -A && git commit $g s"
for i in 1 2 3; do
	f=$(find "$T/site/content" -name '*.txt' | sort | sed -n "$((i * 7))p")
	echo "A correction, number $i, to this article." >>"$f"
	rm -rf "$T/site/next"
	printf 'title = "bench"\noutput = "next"\n' >"$T/site/site.conf"
	"$MORGUE" build -C "$T/site" --no-commit -q 2>"$T/err" ||
	    { echo "the build failed:"; tail -3 "$T/err"; exit 0; }
	m=$(morguec auto "$T/site/next")
	o=$(sed -n 's/.* outdir \([0-9.]*\).*/\1/p' "$T/m.out")
	grep -q 'fast=1' "$T/m.out" || m="$m (full scan)"
	g=$(gitc)
	echo "one article changed: morgue $m s (replacing the output: $o s)" \
	    "  git add -A && git commit $g s"
done
