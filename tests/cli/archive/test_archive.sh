#!/bin/sh
# test_archive.sh: the git archive end to end, read back with git:
# commits per build, the tree equal to the output, messages, morgue log,
# morgue publish (and a remote that refuses), the build lock, kills at
# many moments, a full disk, a corrupt repository, a read-only one,
# SOURCE_DATE_EPOCH valid and invalid.
#
# Until `morgue build` commits, the committer is the unit test program
# in its helper mode: `test_archive commit REPO DIR [--wait]`.
. tests/lib.sh

H="$TOP/${BUILD:-build}/tests/archive/test_archive"
if [ ! -x "$H" ]; then
	skip "no $H: run make units first"
	finish
	exit
fi
command -v git >/dev/null || { skip "git is not installed"; finish; exit; }
N=200
[ -n "$SANITIZED" ] && N=100
S=$T/site
R=$S/archive.git
P=$S/public
mkdir -p "$S"

# site DIR N VERSION: N article pages plus indexes and articles.json.
site() {
	python3 - "$1" "$2" "$3" <<'EOF'
import json, os, sys
out, n, ver = sys.argv[1], int(sys.argv[2]), sys.argv[3]
arts = []
for i in range(n):
    link = "articles/2024/%02d/%02d/story-%d/" % (1 + i % 12, 1 + i % 28, i)
    title = "Story %d about the harbour" % i
    body = " ".join("word%d" % ((i * 7 + k) % 97) for k in range(120))
    if i == 3:
        body += " " + ver
    os.makedirs(os.path.join(out, link), exist_ok=True)
    with open(os.path.join(out, link, "index.md"), "w") as f:
        f.write("---\ntitle: %s\n---\n%s\n" % (title, body))
    with open(os.path.join(out, link, "index.html"), "w") as f:
        f.write("<!doctype html><title>%s</title><p>%s</p>\n" % (title, body))
    arts.append({"path": "s%d.txt" % i, "title": title, "permalink": link})
with open(os.path.join(out, "articles.json"), "w") as f:
    json.dump(arts, f, indent=1)
with open(os.path.join(out, "index.html"), "w") as f:
    f.write("<h1>%d stories</h1>\n" % n)
EOF
}

commits() { git -C "$R" rev-list --count archive 2>/dev/null || echo 0; }
fsck_ok() { git -C "$1" fsck --full --strict --no-dangling >"$T/fsck" 2>&1; }
# timeout -s KILL kills its own process group, itself included, so the
# shell may go on a moment before the killed build is gone: wait for the
# kernel to drop its lock.
settle() { [ ! -f "$1/morgue.lock" ] || flock "$1/morgue.lock" true; }

# {==== commits, trees and messages
site "$P" $N v1
"$H" commit "$R" "$P" >"$T/out" 2>"$T/err"
check_eq "first build commits" "$(cat "$T/out") $(commits)" "committed 1"
check_eq "HEAD of the archive is the branch" \
    "$(git -C "$R" symbolic-ref HEAD)" "refs/heads/archive"
git -C "$R" ls-tree -r --name-only archive | sort >"$T/tree"
(cd "$P" && find . -type f | sed 's,^\./,,' | sort) >"$T/files"
check "the tree is exactly public/" cmp -s "$T/tree" "$T/files"
"$H" commit "$R" "$P" >"$T/out" 2>"$T/err"
check_eq "unchanged rebuild makes no commit" "$(cat "$T/out") $(commits)" \
    "unchanged 1"
old=$(git -C "$R" rev-parse archive)
site "$P" $N v2
"$H" commit "$R" "$P" >"$T/out" 2>"$T/err"
check_eq "changed build commits once" "$(cat "$T/out") $(commits)" \
    "committed 2"
git -C "$R" log -1 --format=%B archive >"$T/msg"
check_grep "message counts the change" \
    '^Build: 0 articles added, 1 changed, 0 removed$' "$T/msg"
check_grep "message names the article" '^- Story 3 about the harbour$' \
    "$T/msg"
check_eq "only that article's files changed" \
    "$(git -C "$R" diff --name-only "$old" archive | tr '\n' ' ')" \
    "articles/2024/04/04/story-3/index.html articles/2024/04/04/story-3/index.md "
fsck_ok "$R"
check "fsck is clean" test $? -eq 0

# {==== morgue log
"$MORGUE" log -C "$S" >"$T/log" 2>"$T/err"
check_eq "log lists both builds" "$(grep -c '^commit ' "$T/log")" 2
"$MORGUE" log -C "$S" articles/2024/04/04/story-3/ >"$T/alog" 2>"$T/err"
check_grep "log ARTICLE shows the revision" '^revision 2 of ' "$T/alog"
check_grep "log ARTICLE shows the word diff" '\[-v1-\] \{\+v2\+\}' "$T/alog"
"$MORGUE" log -C "$S" s3.txt >"$T/alog2" 2>"$T/err"
check "log takes the source path" cmp -s "$T/alog" "$T/alog2"
"$MORGUE" log -C "$S" articles/nope/ >/dev/null 2>"$T/err"
check_eq "log of an unknown article fails" $? 1

# {==== SOURCE_DATE_EPOCH (72, 73)
for v in abc 1.5 -1 99999999999999999999; do
	site "$P" $N "sde$v"
	SOURCE_DATE_EPOCH=$v "$H" commit "$R" "$P" >/dev/null 2>"$T/err"
	rc=$?
	check_eq "SOURCE_DATE_EPOCH=$v is refused" "$rc $(commits)" "1 2"
	check_grep "SOURCE_DATE_EPOCH=$v named" "invalid SOURCE_DATE_EPOCH: " \
	    "$T/err"
done
SOURCE_DATE_EPOCH=1700000000 "$H" commit "$R" "$P" >/dev/null 2>&1
check_eq "commit time is SOURCE_DATE_EPOCH" \
    "$(git -C "$R" log -1 --format='%ct %cI' archive)" \
    "1700000000 2023-11-14T22:13:20+00:00"

# {==== publish
git init -q --bare "$T/remote.git"
"$MORGUE" publish -C "$S" "$T/remote.git" 2>"$T/err"
check_eq "publish to a bare repository" "$?" 0
check_eq "the remote has the same commit" \
    "$(git -C "$T/remote.git" rev-parse archive)" \
    "$(git -C "$R" rev-parse archive)"
"$MORGUE" publish -C "$S" "file://$T/remote.git" 2>"$T/err"
check_eq "publish again by file:// URL" "$?" 0
# libgit2 pushes to a path or file:// URL without running the remote's
# hooks, so the refusing remote is served by git daemon over git://.
git init -q --bare "$T/srv/refusing.git"
printf '#!/bin/sh\necho "archive frozen" >&2\nexit 1\n' \
    >"$T/srv/refusing.git/hooks/pre-receive"
chmod +x "$T/srv/refusing.git/hooks/pre-receive"
port=$((20000 + $$ % 20000))
if git daemon --base-path="$T/srv" --export-all --enable=receive-pack \
    --listen=127.0.0.1 --port=$port --detach --pid-file="$T/daemon.pid" \
    2>/dev/null; then
	sleep 0.5
	"$MORGUE" publish -C "$S" "git://127.0.0.1:$port/refusing.git" \
	    2>"$T/err"
	check_eq "a refusing pre-receive hook fails the publish (68)" "$?" 1
	check_grep "the refusal is named" \
	    "remote rejected refs/heads/archive: pre-receive hook declined" \
	    "$T/err"
	kill "$(cat "$T/daemon.pid")"
else
	skip "git daemon cannot serve here: pre-receive refusal untested"
fi
git -C "$T/remote.git" update-ref refs/heads/archive \
    "$(git -C "$T/remote.git" commit-tree -m other 'archive^{tree}')"
"$MORGUE" publish -C "$S" "$T/remote.git" 2>"$T/err"
check_eq "a remote that moved on is not overwritten" "$?" 1
check_nogrep "no success claimed" "^ok" "$T/err"
git -C "$R" remote add origin "$T/remote2.git"
git init -q --bare "$T/remote2.git"
"$MORGUE" publish -C "$S" 2>"$T/err"
check_eq "publish to the configured remotes" \
    "$(git -C "$T/remote2.git" rev-parse archive)" \
    "$(git -C "$R" rev-parse archive)"

# {==== morgue build: revisions, what changed, permalinks, site.conf
# A site of its own: its archive, branch and remote named in site.conf.
B=$T/bsite
mkdir -p "$B/content"
cp -R "$TOP/templates" "$TOP/lua" "$B/"
git init -q --bare "$T/pub.git"
cat >"$B/site.conf" <<EOF
title = "Harbour archive"
archive = { repo = "hist.git", branch = "pages", remotes = { "$T/pub.git" },
    author = { name = "Desk", email = "desk@example.org" } }
EOF
article() {	# FILE URL-DATE TITLE AMOUNT
	cat >"$B/content/$1" <<EOF
https://www.example.org/news/$2/$1/
$3
By Ann Lee
Vellmar – The new harbour bridge opened on Monday after six years of work and a budget of $4 million crowns, the city said in a statement.

Officials said traffic would be light in the first week while the last lanes are painted and the tolls are set.
EOF
}
permalink() {	# FILE: its permalink in articles.json
	python3 -c 'import json, sys
print([a["permalink"] for a in json.load(open(sys.argv[1]))
       if a["path"] == sys.argv[2]][0])' "$B/public/articles.json" "$1"
}
bcommits() { git -C "$B/hist.git" rev-list --count pages 2>/dev/null || echo 0; }
article bridge.txt 2024/05/06 "Harbour bridge opens after six years" 40
article ferry.txt 2024/05/07 "Ferry service ends as the bridge opens" 3
SOURCE_DATE_EPOCH=1700000000 "$MORGUE" build -C "$B" -q 2>"$T/err"
check_eq "build commits on site.conf's branch and repository" \
    "$? $(bcommits) $(git -C "$B/hist.git" log -1 --format='%an <%ae>' pages)" \
    "0 1 Desk <desk@example.org>"
link=$(permalink bridge.txt)
check_eq "the permalink" "$link" \
    "articles/2024/05/06/harbour-bridge-opens-after-six-years/"
page=$B/public/${link}index.html
check_eq "a first build lists one revision" \
    "$(grep -c '<li><time datetime=' "$page")" 1
check_grep "first archived at the commit's time" \
    '<time datetime="2023-11-14T22:13:20Z">2023-11-14 22:13 UTC</time>: first archived' \
    "$page"
cp "$B/public/changes.html" "$T/changes1"
SOURCE_DATE_EPOCH=1700000500 "$MORGUE" build -C "$B" -q 2>"$T/err"
check_eq "an unchanged rebuild makes no commit" "$(bcommits)" 1
check "and writes the same what-changed page" \
    cmp -s "$T/changes1" "$B/public/changes.html"
# A correction: one figure of the text, then a new title and date.
article bridge.txt 2024/05/06 "Harbour bridge opens after six years" 46
SOURCE_DATE_EPOCH=1700086400 "$MORGUE" build -C "$B" -q 2>"$T/err"
check_eq "a corrected article makes one commit" "$(bcommits)" 2
check_eq "its permalink is unchanged" "$(permalink bridge.txt)" "$link"
check_eq "its page lists 2 revisions" \
    "$(sed -n '/revisions-h/,/<\/section>/p' "$page" | grep -c '<li><time')" 2
check_grep "with the changed words marked" \
    'budget of <del>40</del> <ins>46</ins> million crowns' "$page"
check_grep "dated by the build that archived it" \
    '<time datetime="2023-11-15T22:13:20Z">2023-11-15 22:13 UTC</time>: corrected' \
    "$page"
check_grep "the what-changed page names the correction" \
    '2023-11-15 22:13 UTC</time>: 1 corrected' "$B/public/changes.html"
check_grep "and links the corrected article" \
    "href=\"${link}index.html#revisions-h\">Harbour bridge opens" \
    "$B/public/changes.html"
check_grep "and the first build's additions" \
    '2023-11-14 22:13 UTC</time>: 2 added' "$B/public/changes.html"
check_grep "every page links the what-changed page" \
    'href="../../../../../changes.html">What changed' "$page"
if command -v xmllint >/dev/null; then
	check "changes.xml is well-formed" xmllint --noout "$B/public/changes.xml"
else
	check "changes.xml is well-formed" python3 -c \
	    'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' \
	    "$B/public/changes.xml"
fi
check_eq "changes.xml has an entry per build" \
    "$(grep -c '<entry>' "$B/public/changes.xml")" 2
check_grep "the newest first" '<updated>2023-11-15T22:13:20Z</updated>' \
    "$B/public/changes.xml"
article bridge.txt 2024/06/01 "Harbour bridge finally opens to traffic" 46
SOURCE_DATE_EPOCH=1700172800 "$MORGUE" build -C "$B" -q 2>"$T/err"
check_eq "a new title and date keep the permalink" "$(permalink bridge.txt)" \
    "$link"
check_grep "the page at the old URL has the new title" \
    '<h1>Harbour bridge finally opens to traffic</h1>' "$page"
check "no page at a URL made from the new title" test ! -e \
    "$B/public/articles/2024/06/01/harbour-bridge-finally-opens-to-traffic"
check_grep "the title change is a revision" \
    'Harbour bridge <ins>finally</ins> opens <del>after six years</del> <ins>to traffic</ins>' \
    "$page"
git -C "$B/hist.git" log -1 --format=%B pages >"$T/msg"
check_grep "the commit message names it" \
    '^- Harbour bridge finally opens to traffic$' "$T/msg"
# morgue log and publish read site.conf.
"$MORGUE" log -C "$B" >"$T/log" 2>"$T/err"
check_eq "log reads site.conf's archive" "$(grep -c '^commit ' "$T/log")" 3
"$MORGUE" log -C "$B" content/bridge.txt >"$T/alog" 2>"$T/err"
check_eq "log ARTICLE lists its 3 revisions" \
    "$(grep -c '^revision ' "$T/alog")" 3
"$MORGUE" publish -C "$B" 2>"$T/err"
check_eq "publish pushes to site.conf's remotes" \
    "$? $(git -C "$T/pub.git" rev-parse pages 2>/dev/null)" \
    "0 $(git -C "$B/hist.git" rev-parse pages)"

# Two builds at once (64): the second exits 4 naming the holder, or waits.
echo 4343 >"$B/hist.git/morgue.lock"
flock "$B/hist.git/morgue.lock" \
    sh -c "while [ ! -e '$T/release2' ]; do sleep 0.1; done" &
holder=$!
i=0
while flock -n "$B/hist.git/morgue.lock" true && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
article ferry.txt 2024/05/07 "Ferry service ends as the bridge opens" 4
"$MORGUE" build -C "$B" -q 2>"$T/err"
check_eq "a second morgue build exits 4" "$? $(bcommits)" "4 3"
check_grep "naming the holder" "another build is running \(pid 4343\)" \
    "$T/err"
(sleep 1; touch "$T/release2") &
"$MORGUE" build -C "$B" -q --wait 2>"$T/err"
check_eq "with --wait it waits, then commits" "$? $(bcommits)" "0 4"
wait $holder

# The commit reads only what the build changed, and gives the tree a full
# look at the output gives (git's own, as the reference); an output
# edited by hand is looked at in full.
gtree() {	# the tree git makes of public/
	rm -rf "$T/ref.git" && git init -q --bare "$T/ref.git" &&
	    git --git-dir="$T/ref.git" --work-tree="$B/public" add -A &&
	    git --git-dir="$T/ref.git" write-tree
}
article ferry.txt 2024/05/07 "Ferry service ends as the bridge opens" 5
"$MORGUE" build -C "$B" -v 2>"$T/err"
check_grep "a one-article build reads only the changed files" \
    'committed \(the changed files read\)' "$T/err"
check_eq "and commits the tree of the whole output" \
    "$(bcommits) $(git -C "$B/hist.git" rev-parse 'pages^{tree}')" \
    "5 $(gtree)"
echo "edited by hand" >>"$B/public/$(permalink bridge.txt)index.md"
article ferry.txt 2024/05/07 "Ferry service ends as the bridge opens" 6
"$MORGUE" build -C "$B" -v 2>"$T/err"
check_grep "an output edited by hand is looked at in full" \
    'committed \(every file looked at\)' "$T/err"
check_eq "and committed as the build wrote it" \
    "$(bcommits) $(git -C "$B/hist.git" rev-parse 'pages^{tree}')" \
    "6 $(gtree)"
"$MORGUE" build -C "$B" -v 2>"$T/err"
check_grep "a rebuild with no change reuses the last build" \
    'nothing changed since the last build' "$T/err"
# Without the build cache's stamp the pipeline runs; its commit step
# still reads no file.
rm -f "$B/.morgue/stamp"
"$MORGUE" build -C "$B" -v 2>"$T/err"
check_grep "a rebuild with no change reads no file" \
    'unchanged, no commit \(the changed files read\)' "$T/err"

# {==== the lock (64)
# The site is made before the lock is taken, and the holder keeps the
# lock until told to let go, so that a slow machine cannot let it expire.
site "$P" $N lock
echo 4242 >"$R/morgue.lock"
flock "$R/morgue.lock" sh -c "while [ ! -e '$T/release' ]; do sleep 0.1; done" &
holder=$!
i=0
while flock -n "$R/morgue.lock" true && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
"$H" commit "$R" "$P" >/dev/null 2>"$T/err"
check_eq "a second build exits 4" "$?" 4
check_grep "it names the holder" "another build is running \(pid 4242\)" \
    "$T/err"
(sleep 1; touch "$T/release") &
"$H" commit "$R" "$P" --wait >"$T/out" 2>"$T/err"
check_eq "with --wait it waits, then commits" "$(cat "$T/out")" committed
wait $holder

# {==== kill -9 at several moments (59)
big=$T/big
site "$big" $((N * 5)) k0
kills=0
for delay in 0.01 0.03 0.06 0.1 0.15 0.2 0.3 0.5; do
	before=$(git -C "$R" rev-parse archive)
	site "$big" $((N * 5)) "k$delay"
	rm -f "$R/morgue-cache"		# so that every file is hashed again
	timeout -s KILL "$delay" "$H" commit "$R" "$big" >/dev/null 2>&1
	[ $? -eq 137 ] && kills=$((kills + 1))
	settle "$R"
	if ! fsck_ok "$R"; then
		fail "fsck after kill at ${delay}s" "$(head -3 "$T/fsck")"
		continue
	fi
	now=$(git -C "$R" rev-parse archive)
	[ "$now" = "$before" ] || git -C "$R" merge-base --is-ancestor \
	    "$before" "$now" || fail "HEAD after kill at ${delay}s" "moved oddly"
	"$H" commit "$R" "$big" >/dev/null 2>"$T/err" || {
		fail "build after kill at ${delay}s" "$(head -3 "$T/err")"
		continue
	}
	git -C "$R" ls-tree -r --name-only archive | sort >"$T/tree"
	(cd "$big" && find . -type f | sed 's,^\./,,' | sort) >"$T/files"
	if cmp -s "$T/tree" "$T/files"; then ok "kill at ${delay}s, rebuild"
	else fail "kill at ${delay}s, rebuild" "tree differs"; fi
done
echo "note: $kills of the builds were killed before they ended"

# A first commit goes into a pack that morgue writes itself: kills while
# it writes leave a valid repository, and the next build commits.
for delay in 0.02 0.05 0.1 0.2 0.4; do
	rm -rf "$T/first.git"
	timeout -s KILL "$delay" "$H" commit "$T/first.git" "$big" \
	    >/dev/null 2>&1
	settle "$T/first.git"
	# Killed while the repository was being made, it is not one yet
	# (the next build makes it again); once git knows it, fsck is clean.
	if git -C "$T/first.git" rev-parse --git-dir >/dev/null 2>&1 &&
	    ! fsck_ok "$T/first.git"; then
		fail "fsck after a kill in a first commit at ${delay}s" \
		    "$(head -3 "$T/fsck")"
		continue
	fi
	"$H" commit "$T/first.git" "$big" >/dev/null 2>"$T/err" &&
	    fsck_ok "$T/first.git" &&
	    [ "$(git -C "$T/first.git" rev-parse 'archive^{tree}')" = \
	    "$(git -C "$R" rev-parse 'archive^{tree}')" ] &&
	    ok "kill in a first commit at ${delay}s: fsck, rebuild, same tree" ||
	    fail "kill in a first commit at ${delay}s" "$(head -3 "$T/err")"
done


# {==== strace fault injection (60, 61)
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
	site "$P" $N trace0
	strace -f -o "$T/trace" -e trace=rename "$H" commit "$R" "$P" \
	    >/dev/null 2>&1
	site "$P" $N trace1
	nren=$(grep -c 'rename(' "$T/trace")
	# The rename that moves refs/heads/archive.lock into place.
	ref=$(grep 'rename(' "$T/trace" | grep -n 'refs/heads/archive\.lock' |
	    tail -1 | cut -d: -f1)
	strace -f -o /dev/null -e inject=rename:signal=KILL:when=$ref \
	    "$H" commit "$R" "$P" >/dev/null 2>&1
	check "SIGKILL at the ref update left the ref lock" \
	    test -f "$R/refs/heads/archive.lock"
	fsck_ok "$R"
	check "fsck after SIGKILL at the ref update" test $? -eq 0
	n0=$(commits)
	"$H" commit "$R" "$P" >"$T/out" 2>"$T/err"
	check_grep "the next build removes the stale ref lock (60)" \
	    "warning: removed refs/heads/archive.lock left by a killed build" \
	    "$T/err"
	check_eq "and commits" "$(cat "$T/out") $(commits)" \
	    "committed $((n0 + 1))"
	bad=0
	k=1
	while [ $k -le "$nren" ]; do
		site "$P" $N "crash$k"
		strace -f -o /dev/null -e inject=rename:signal=KILL:when=$k \
		    "$H" commit "$R" "$P" >/dev/null 2>&1
		fsck_ok "$R" || bad=$((bad + 1))
		"$H" commit "$R" "$P" >/dev/null 2>&1 || bad=$((bad + 1))
		k=$((k + 1))
	done
	check_eq "SIGKILL at each of the $nren renames: fsck and rebuild (61)" \
	    "$bad" 0
else
	skip "strace is not usable here (install it: make deps)"
fi

# {==== disk full (63)
small=$T/small
mkdir -p "$small"
if mount -t tmpfs -o size=1m tmpfs "$small" 2>/dev/null; then
	site "$T/tiny" 5 t0
	"$H" commit "$small/a.git" "$T/tiny" >/dev/null 2>&1
	tip=$(git -C "$small/a.git" rev-parse archive)
	head -c 3000000 /dev/urandom >"$T/tiny/big.bin"
	"$H" commit "$small/a.git" "$T/tiny" >/dev/null 2>"$T/err"
	check_eq "a full disk fails the build" "$?" 1
	check_grep "and says so" "No space left on device" "$T/err"
	check_eq "the branch is unchanged" \
	    "$(git -C "$small/a.git" rev-parse archive)" "$tip"
	fsck_ok "$small/a.git"
	check "fsck after a full disk" test $? -eq 0
	umount "$small"
else
	skip "cannot mount a small tmpfs here (needs root): disk full untested"
fi

# {==== a corrupt repository (66), a read-only one (67)
tree=$(git -C "$R" rev-parse 'archive^{tree}')
tip=$(git -C "$R" rev-parse archive)
obj="$R/objects/$(echo "$tree" | cut -c1-2)/$(echo "$tree" | cut -c3-)"
# Builds write packs: unpacked, the tree is a file of its own to empty.
for p in "$R"/objects/pack/*.pack; do
	mv "$p" "$T/unpack.pack" && rm -f "${p%.pack}.idx" &&
	    git -C "$R" unpack-objects -q <"$T/unpack.pack"
done
check "the tree is a file once unpacked" test -f "$obj"
cp "$obj" "$T/saved-object"
chmod u+w "$obj"
: >"$obj"
site "$P" $N corrupt
rm -f "$R/morgue-cache"
"$H" commit "$R" "$P" >/dev/null 2>"$T/err"
check_eq "a corrupt repository fails the build" "$?" 1
check_grep "with a clear message" "repository corrupt: object [0-9a-f]+" \
    "$T/err"
check_eq "HEAD is unchanged" "$(git -C "$R" rev-parse archive)" "$tip"
cp "$T/saved-object" "$obj"
if [ "$(id -u)" != 0 ]; then
	chmod -R a-w "$R"
	site "$P" $N readonly
	"$H" commit "$R" "$P" >/dev/null 2>"$T/err"
	check_eq "a read-only archive fails" "$?" 1
	check_grep "naming the cause" "[Pp]ermission denied" "$T/err"
	chmod -R u+w "$R"
else
	skip "running as root: permissions cannot make the archive read-only"
fi
finish
