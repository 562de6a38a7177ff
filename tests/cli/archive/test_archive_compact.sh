#!/bin/sh
# test_archive_compact.sh: the archive stays compact. Large files that
# every build changes a little (the article list, the sitemap, feeds)
# are stored as deltas against their previous version, so a build that
# adds one article adds about that article; after a series of builds
# git fsck --strict accepts the archive and it stays within a stated
# factor of what git gc makes of it; a chain pack that git gc merged
# away, or a marker naming a pack that is gone, only starts a new chain;
# the packs of many small builds are merged as they go.
. tests/lib.sh

command -v git >/dev/null || { skip "git is not installed"; finish; exit; }
command -v python3 >/dev/null || { skip "python3 is not installed"; finish; exit; }
N=60
S=$T/site
R=$S/archive.git
mkdir -p "$S/content"
printf 'title = "Compact"\nrules = {}\n' >"$S/site.conf"

# article FILE I YEAR: a made-up story of a few paragraphs.
article() {
	python3 - "$@" <<'PY'
import random, sys
path, i, year = sys.argv[1], int(sys.argv[2]), sys.argv[3]
r = random.Random(i)
words = ("harbour bridge council budget river school station market "
         "road winter summer vote plan mayor street park water hall "
         "rail museum library clinic farm festival ferry").split()
def sent():
    return " ".join(r.choice(words) for _ in range(r.randint(8, 16))).capitalize() + "."
title = " ".join(r.choice(words) for _ in range(5)).capitalize() + " %d" % i
with open(path, "w") as f:
    f.write("%s\n\nBy Sam Writer\n\nTOWN, %d March %s - %s\n" %
            (title, 1 + i % 28, year, sent()))
    for _ in range(6):
        f.write("\n" + " ".join(sent() for _ in range(4)) + "\n")
PY
}

i=0
while [ $i -lt $N ]; do
	article "$S/content/a$i.txt" $i $((2000 + i % 20))
	i=$((i + 1))
done
build() { "$MORGUE" build -C "$S" -q >/dev/null 2>"$T/err"; }
# packed KB: the archive's packs and loose objects, as git counts them.
packed() {
	git --git-dir="$1" count-objects -v |
	    awk '/^size:|^size-pack:/ { s += $2 } END { print s }'
}

check "first build" build
check "fsck after the first build" git --git-dir="$R" fsck --strict
json=$(git --git-dir="$R" cat-file -s archive:articles.json)

# Five builds, each adding one story dated after every other.
for k in 1 2 3 4 5; do
	article "$S/content/z$k.txt" $((N + k)) 2031
	check "build adding story $k" build
	check "fsck after adding story $k" git --git-dir="$R" fsck --strict
done
# disk BLOB: the bytes git stores for BLOB (deflated, or its delta).
disk() {
	echo "$1" | git --git-dir="$R" cat-file \
	    --batch-check='%(objectsize:disk)'
}
# The list of every article, which each added story changes, is kept
# as a delta against its previous version: far smaller than itself.
d=$(disk archive:articles.json)
check "articles.json stored as a delta ($d of $json bytes)" \
    test $((d * 10)) -lt "$json"

# A correction.
sed -i '0,/ vote /s// ballot /' "$S/content/a7.txt"
check "build correcting a story" build
check "fsck after the correction" git --git-dir="$R" fsck --strict

# Within a factor of 3 of what git gc makes of the same history.
git clone -q --bare "$R" "$T/gc.git" && git --git-dir="$T/gc.git" gc -q
mine=$(packed "$R")
gcd=$(packed "$T/gc.git")
check "archive ($mine KB) within 3x of git gc's ($gcd KB)" \
    test "$mine" -le $((gcd * 3))

# git gc in the archive merges the chain pack away: the next builds
# start a new chain and the archive stays valid.
git --git-dir="$R" gc -q
gcpack=$(ls "$R"/objects/pack/*.pack)
article "$S/content/z6.txt" $((N + 6)) 2031
check "build after git gc" build
article "$S/content/z7.txt" $((N + 7)) 2031
check "second build after git gc" build
check "fsck after git gc and two builds" git --git-dir="$R" fsck --strict

# A marker naming a pack that is not there (a pack removed by hand):
# the chain starts again, nothing fails.
echo 0123456789abcdef0123456789abcdef01234567 >"$R/morgue-chain"
article "$S/content/z8.txt" $((N + 8)) 2031
check "build with a stale chain marker" build
check "fsck after a stale marker" git --git-dir="$R" fsck --strict

# A build a day: each writes one small pack, and the packs are merged as
# they go (geometrically), so that there are never many. git gc's pack,
# whose deltas name their bases by offset, is merged in along the way.
most=0
k=9
while [ $k -le 30 ]; do
	article "$S/content/z$k.txt" $((N + k)) 2031
	build || fail "build adding story $k" "exit status $?"
	p=$(ls "$R"/objects/pack/*.pack | wc -l)
	[ "$p" -gt "$most" ] && most=$p
	k=$((k + 1))
done
check "at most 6 packs over 22 builds (most: $most)" test "$most" -le 6
for p in $gcpack; do
	check "git gc's pack $(basename "$p") was merged into another" \
	    test ! -e "$p"
done
check "fsck after 22 more builds" git --git-dir="$R" fsck --strict
# Every story is there, read back through the deltas.
check_eq "articles.json of the branch lists every story" \
    "$(git --git-dir="$R" show archive:articles.json |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')" \
    "$((N + 30))"
finish
