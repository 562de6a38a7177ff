#!/bin/sh
# test_build.sh: `morgue build` on the example site and on hostile sites:
# articles.json, determinism, symlinks, the output directory, slug
# collisions, odd file names, exit codes and -C.
. tests/lib.sh

# site DIR: a copy of the example site (site.conf and content/) in DIR.
site() {
	mkdir -p "$1"
	cp "$TOP/site.conf" "$1/"
	cp -R "$TOP/content" "$1/"
	[ -d "$TOP/lua" ] && cp -R "$TOP/lua" "$1/"
	[ -d "$TOP/templates" ] && cp -R "$TOP/templates" "$1/"
	return 0
}

# build NAME DIR [ARGS...]: runs the build, keeps stderr in $T/NAME.err
# and the exit status in $rc.
build() {
	name=$1 dir=$2
	shift 2
	"$MORGUE" build -C "$dir" --no-commit "$@" 2>"$T/$name.err"
	rc=$?
}

# --- The example site -------------------------------------------------
site "$T/a"
build a "$T/a"
check_eq "example site builds" "$rc" 0
check "articles.json is written" test -f "$T/a/public/articles.json"
check "the site's front page is written" test -f "$T/a/public/index.html"
check "the Atom feed is written" test -f "$T/a/public/feed.xml"
missing=$(python3 -c 'import json,os,sys
d=sys.argv[1]
print(" ".join(o["permalink"] for o in json.load(open(d+"/articles.json"))
    if not os.path.isfile(d+"/"+o["permalink"]+"index.html")))' "$T/a/public")
check_eq "every article has its HTML page" "$missing" ""
ntxt=$(find "$T/a/content" -name '*.txt' | wc -l)
python3 - "$T/a/public/articles.json" "$ntxt" >"$T/json.out" 2>&1 <<'EOF'
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(v, list), "not an array"
assert len(v) == int(sys.argv[2]), "%d objects for %s files" % (len(v), sys.argv[2])
keys = ["title", "date", "authors", "agency", "dateline", "source", "source_url",
        "slug", "language", "people", "places", "organisations", "topics",
        "related", "syndicated", "captions", "key_points", "summary",
        "path", "permalink", "date_inferred"]
for o in v:
    missing = [k for k in keys if k not in o]
    assert not missing, "%s lacks %s" % (o.get("path"), missing)
    assert isinstance(o["date_inferred"], bool)
    for k in ("people", "places", "organisations", "topics", "related",
              "syndicated", "authors"):
        assert isinstance(o[k], list), k
    p = o["permalink"]
    assert p.startswith("articles/") and p.endswith("/"), p
    assert not o["path"].startswith("content/"), o["path"]
paths = sorted(o["path"] for o in v)
assert paths[0] == "01-sarn-flood-warning.txt", paths[0]
assert len(set(o["permalink"].lower() for o in v)) == len(v), "duplicate permalinks"
# Newest first, undated last, then by path.
dated = [o["date"] for o in v if o["date"]]
assert dated == sorted(dated, reverse=True), "not newest first"
seen_undated = False
for o in v:
    if o["date"] is None:
        seen_undated = True
    else:
        assert not seen_undated, "a dated article after an undated one"
print("json ok")
EOF
check_grep "articles.json: one object per article, the documented keys" "^json ok" "$T/json.out"

# --- Determinism: a rebuild touches nothing, any order gives one site ----
touch "$T/stamp"
sleep 1
build a2 "$T/a"
check_eq "rebuild exits 0" "$rc" 0
find "$T/a/public" -newer "$T/stamp" >"$T/newer"
check_eq "a rebuild with no change touches no file" "$(wc -l <"$T/newer")" 0

# The same content copied in reverse order, under another umask, time
# zone and locale, parsed with a different number of threads.
mkdir -p "$T/b/content"
cp "$TOP/site.conf" "$T/b/"
for f in $(cd "$TOP/content" && ls -r); do cp "$TOP/content/$f" "$T/b/content/"; done
[ -d "$TOP/lua" ] && cp -R "$TOP/lua" "$T/b/"
[ -d "$TOP/templates" ] && cp -R "$TOP/templates" "$T/b/"
(umask 077; TZ=Pacific/Kiritimati LC_ALL=C "$MORGUE" build -C "$T/b" \
    --no-commit -j 1 2>"$T/b.err")
check_eq "shuffled build exits 0" "$?" 0
check "same content gives identical files (order, umask, TZ, -j)" \
    diff -r "$T/a/public" "$T/b/public"
build a4 "$T/a" -j 4
check "-j 4 gives identical files" diff -r "$T/a/public" "$T/b/public"
check_eq "diagnostics do not depend on -j" "$(cat "$T/a4.err")" \
    "$(cat "$T/b.err")"

# --- Symlinks in the content directory: never followed -------------------
site "$T/s"
echo "MARKER-SECRET-41 do not publish" >"$T/secret"
ln -s "$T/secret" "$T/s/content/secret.txt"
ln -s "$T/secret" "$T/s/content/secret.md"
ln -s . "$T/s/content/loop"
ln -s "$T/s/content" "$T/s/content/up"
if [ -n "$SANITIZED" ]; then limit=60; else limit=20; fi
timeout $limit "$MORGUE" build -C "$T/s" --no-commit 2>"$T/s.err"
check_eq "build with symlinks terminates and exits 0" "$?" 0
check_grep "symlink warned" "content/secret.txt: warning: symlink not followed" "$T/s.err"
check_grep "directory loop warned" "content/loop: warning: symlink not followed" "$T/s.err"
if grep -rq "MARKER-SECRET-41" "$T/s/public"; then
	fail "symlink target absent from the output" "marker found"
else
	ok "symlink target absent from the output"
fi
check_eq "only the real articles are built" \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/s/public/articles.json")" "$ntxt"

# --- A symlink planted in the output directory: its target untouched ----
site "$T/o"
echo "precious" >"$T/target"
before=$(cksum <"$T/target")
mkdir -p "$T/o/public"
: >"$T/o/public/.morgue-output"	# an earlier build's output, tampered with
ln -s "$T/target" "$T/o/public/index.html"
ln -s "$T/target" "$T/o/public/articles.json"
build o "$T/o"
check_eq "build over a seeded output exits 0" "$rc" 0
check_eq "the symlink's target is untouched" "$(cksum <"$T/target")" "$before"
check "articles.json is a file, not the link" test ! -L "$T/o/public/articles.json"
if [ -L "$T/o/public/index.html" ]; then
	fail "the planted link is gone" "public/index.html is still a link"
else
	ok "the planted link is gone"
fi
ls -a "$T/o" | grep -E '^public\.(tmp|old)-' >"$T/leftover"
check_eq "no temporary directory left beside the output" "$(wc -l <"$T/leftover")" 0

# An output directory that is itself a symlink is replaced, not followed.
site "$T/o2"
mkdir "$T/elsewhere"
echo keep >"$T/elsewhere/keep.txt"
ln -s "$T/elsewhere" "$T/o2/public"
build o2 "$T/o2"
check_eq "build over a symlinked output exits 0" "$rc" 0
check "the linked directory is untouched" test -f "$T/elsewhere/keep.txt"
check "nothing written through the output link" test ! -e "$T/elsewhere/articles.json"

# --- Slug collisions: stable suffixes -----------------------------------
# Three articles with one headline and one date, two differing in case,
# created in two different orders: the permalinks must not depend on it.
collide() {	# DIR ORDER...
	dir=$1
	shift
	mkdir -p "$dir/content/x"
	printf 'title = "collisions"\n' >"$dir/site.conf"
	cp -R "$TOP/templates" "$TOP/lua" "$dir/"
	for f in "$@"; do
		case $f in c) head="SAME HEADLINE" ;; *) head="Same headline" ;; esac
		printf '%s\nBy Jo Tester\n12 March 2025\nVELLMAR - Body of %s, long enough to be a paragraph of an article.\n' \
		    "$head" "$f" >"$dir/content/x/$f.txt"
	done
}
collide "$T/c1" a b c
collide "$T/c2" c b a
build c1 "$T/c1"
check_eq "colliding slugs build" "$rc" 0
build c2 "$T/c2"
check "colliding slugs: same files whatever the creation order" \
    diff -r "$T/c1/public" "$T/c2/public"
python3 - "$T/c1/public/articles.json" >"$T/c.out" 2>&1 <<'EOF'
import json, sys
v = {o["path"]: o["permalink"] for o in json.load(open(sys.argv[1]))}
a, b, c = v["x/a.txt"], v["x/b.txt"], v["x/c.txt"]
assert b == a[:-1] + "-2/", (a, b)
assert c == a[:-1] + "-3/", (a, c)
print("suffixes ok")
EOF
check_grep "suffixes -2, -3 follow the path order" "^suffixes ok" "$T/c.out"
check_grep "a collision is warned" "x/b.txt: warning: .*-2/" "$T/c1.err"

# --- Odd file names: processed, escaped in messages --------------------
site "$T/w"
nl='
'
printf 'Odd name one\nVELLMAR - A body paragraph for the article with the odd name.\n' \
    >"$T/w/content/bad${nl}name.txt"
printf 'Odd name two\nVELLMAR - A body paragraph for the article with the odd name.\n' \
    >"$T/w/content/$(printf 'caf\351').txt"
printf 'Odd name three\nVELLMAR - A body paragraph for the article with the odd name.\n' \
    >"$T/w/content/-rf.txt"
ln -s "$T/secret" "$T/w/content/evil${nl}link$(printf '\033[31m').txt"
build w "$T/w"
check_eq "odd names build" "$rc" 0
check_grep "newline and escape shown escaped" \
    'content/evil\\x0Alink\\x1B\[31m\.txt: warning: symlink not followed' "$T/w.err"
if grep -q "$(printf '\033')" "$T/w.err"; then
	fail "no raw escape byte on stderr" "found one"
else
	ok "no raw escape byte on stderr"
fi
python3 - "$T/w/public/articles.json" "$((ntxt + 3))" >"$T/w.out" 2>&1 <<'EOF'
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
paths = {o["path"] for o in v}
assert len(v) == int(sys.argv[2]), len(v)
assert "bad\nname.txt" in paths, paths
assert "-rf.txt" in paths
# Not U+FFFD: a name that is not UTF-8 keeps its bytes, escaped.
assert "caf\\xE9.txt" in paths, paths
print("names ok")
EOF
check_grep "odd names are built and listed as valid JSON" "^names ok" "$T/w.out"

# The content directory may be the site itself: the output, its temporary
# siblings and hidden directories are then passed over.
mkdir -p "$T/dot/.hidden" "$T/dot/public.tmp-1"
cp "$TOP"/content/*.txt "$T/dot/"
printf 'Hidden\nVELLMAR - Not an article at all, it is hidden.\n' >"$T/dot/.hidden/h.txt"
printf 'Stale\nVELLMAR - Left over by a crashed build, not an article.\n' \
    >"$T/dot/public.tmp-1/s.txt"
printf 'content = "./"\noutput = "public/"\n' >"$T/dot/site.conf"
cp -R "$TOP/templates" "$TOP/lua" "$T/dot/"
build dot1 "$T/dot"
build dot2 "$T/dot"
check_eq "content = \".\" builds twice" "$rc" 0
check_eq "content = \".\": the output and hidden files are not articles" \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/dot/public/articles.json")" "$ntxt"

# --- The archive commit: one build at a time, none when nothing changed --
check "--no-commit creates no archive" test ! -e "$T/a/archive.git"
site "$T/g"
SOURCE_DATE_EPOCH=1700000000 "$MORGUE" build -C "$T/g" 2>"$T/g.err"
check_eq "a committing build exits 0" "$?" 0
commits() { git --git-dir="$T/g/archive.git" rev-list --count archive 2>/dev/null; }
check_eq "the first build makes one commit" "$(commits)" 1
check_eq "the commit time is SOURCE_DATE_EPOCH" \
    "$(git --git-dir="$T/g/archive.git" log -1 --format=%ct archive)" 1700000000
git --git-dir="$T/g/archive.git" ls-tree -r --name-only archive | sort >"$T/tree"
(cd "$T/g/public" && find . -type f | sed 's|^\./||' | sort) >"$T/files"
check "the commit's tree is the output directory" cmp -s "$T/tree" "$T/files"
"$MORGUE" build -C "$T/g" 2>/dev/null
check_eq "a rebuild with no change makes no commit" "$(commits)" 1
# A changed headline keeps the published permalink.
perm() {
	python3 -c 'import json,sys
print([o["permalink"] for o in json.load(open(sys.argv[1])) if o["path"] == sys.argv[2]][0])' \
	    "$T/g/public/articles.json" "$1"
}
before=$(perm 02-sarn-flood-evacuation.txt)
sed '1s/.*/Sarn flood: a wholly different headline for the evacuation/' \
    "$T/g/content/02-sarn-flood-evacuation.txt" >"$T/g/new.txt"
mv "$T/g/new.txt" "$T/g/content/02-sarn-flood-evacuation.txt"
"$MORGUE" build -C "$T/g" 2>/dev/null
check_eq "a changed article makes one more commit" "$(commits)" 2
check_eq "a changed headline keeps its permalink" \
    "$(perm 02-sarn-flood-evacuation.txt)" "$before"
if command -v flock >/dev/null; then
	flock "$T/g/archive.git/morgue.lock" sleep 5 &
	sleep 1
	"$MORGUE" build -C "$T/g" 2>"$T/lock.err"
	check_eq "a build while another holds the lock exits 4" "$?" 4
	check_grep "the lock is explained" "another build" "$T/lock.err"
	wait
else
	skip "flock(1) is not installed"
fi

# --- Exit codes and nothing written ---------------------------------------
"$MORGUE" build --bogus 2>"$T/u.err"
check_eq "unknown option exits 2" "$?" 2
"$MORGUE" build -j 0 -C "$T/a" 2>"$T/u.err"
check_eq "-j 0 exits 2" "$?" 2
"$MORGUE" build --help >"$T/help.out"
check_eq "--help exits 0" "$?" 0
check_grep "--help prints the usage on stdout" "^usage: morgue build" "$T/help.out"
"$MORGUE" build -C "$T/does-not-exist" 2>"$T/u.err"
check_eq "-C to a missing directory exits 2" "$?" 2

site "$T/bad"
printf 'title = "x"\n\noutput = 42\n' >"$T/bad/site.conf"
build bad "$T/bad"
check_eq "wrong type in site.conf exits 3" "$rc" 3
check_grep "the error names the line" "^site.conf:3: error: output: expected a string" "$T/bad.err"
check "nothing is written" test ! -e "$T/bad/public"

printf 'title = "x"\nwhile true do end\n' >"$T/bad/site.conf"
timeout 30 "$MORGUE" build -C "$T/bad" --no-commit 2>"$T/bad2.err"
check_eq "a runaway site.conf exits 3" "$?" 3
printf 'os.execute("touch %s/pwned")\n' "$T" >"$T/bad/site.conf"
build bad3 "$T/bad"
check_eq "os.execute in site.conf exits 3" "$rc" 3
check "os.execute did not run" test ! -e "$T/pwned"

# A failed build leaves the last site as it was.
cp -R "$T/a/public" "$T/a-before"
printf 'title = \n' >"$T/a/site.conf.new"
mv "$T/a/site.conf" "$T/a/site.conf.good"
mv "$T/a/site.conf.new" "$T/a/site.conf"
build a5 "$T/a"
check_eq "syntax error exits 3" "$rc" 3
check "the previous output is intact" diff -r "$T/a-before" "$T/a/public"
mv "$T/a/site.conf.good" "$T/a/site.conf"

for v in abc 1.5 -1 99999999999999999999 ' 1'; do
	SOURCE_DATE_EPOCH=$v "$MORGUE" build -C "$T/a" --no-commit 2>"$T/sde.err"
	check_eq "SOURCE_DATE_EPOCH='$v' exits 3" "$?" 3
done
check_grep "the message names the variable" "invalid SOURCE_DATE_EPOCH" "$T/sde.err"
SOURCE_DATE_EPOCH= "$MORGUE" build -C "$T/a" --no-commit 2>/dev/null
check_eq "an empty SOURCE_DATE_EPOCH is ignored" "$?" 0
SOURCE_DATE_EPOCH=1700000000 "$MORGUE" build -C "$T/a" --no-commit 2>/dev/null
check_eq "a valid SOURCE_DATE_EPOCH is accepted" "$?" 0

# -C DIR against building from inside DIR, both without SOURCE_DATE_EPOCH.
"$MORGUE" build -C "$T/a" --no-commit 2>/dev/null
(cd "$T/b" && "$MORGUE" build --no-commit 2>/dev/null)
check_eq "build from inside the site exits 0" "$?" 0
check "-C DIR and cd DIR give the same site" diff -r "$T/a/public" "$T/b/public"

finish
