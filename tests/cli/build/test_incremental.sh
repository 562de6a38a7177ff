#!/bin/sh
# test_incremental.sh: an incremental build equals a full one, byte for
# byte. Two copies of one project go through the same random series of
# edits (articles added, corrected, deleted and renamed; a rule, a
# template and site.conf changed); after each, one builds with its cache
# (.morgue/) and the other with --full, both committing, and their
# output directories and archive trees must be the same. INCR_SEED picks
# the series (printed, to replay a failure), INCR_STEPS its length and
# INCR_N the articles to start with. Also: a list page once full stays
# as it was when a newer article is added, and an unchanged rebuild
# touches no file.
. tests/lib.sh

seed=${INCR_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
steps=${INCR_STEPS:-8}
n=${INCR_N:-45}
echo "seed $seed, $steps steps, $n articles"

mkdir -p "$T/a"
cp "$TOP/site.conf" "$T/a/"
cp -R "$TOP/lua" "$TOP/templates" "$T/a/"
mkdir "$T/a/content"

# edit.py OP DIR SEED STEP: one edit of the project DIR, written from the
# script's own vocabulary (op "init" writes the first articles).
cat >"$T/edit.py" <<'EOF'
import os, random, re, sys
op, top, seed, step = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(seed * 1000 + step)
content = os.path.join(top, "content")
people = ["Anna Korvel", "Piet Lusk", "Mara Tenn", "Oskar Vell", "Ida Brun"]
places = ["Vellmar", "Dunholt", "Eastgate", "Sarnford"]
nouns = ["council", "bridge", "budget", "strike", "harbour", "school",
         "flood wall", "tram line", "market", "hospital"]
verbs = ["approved", "delayed", "opened", "closed", "rebuilt", "funded"]
outlets = ["The Valley Courier", "Morning Ledger", "Harbour Post"]

def article(k, dated=True):
    r = random.Random(seed * 7919 + k * 31 + step)
    who, where = r.choice(people), r.choice(places)
    noun, verb = r.choice(nouns), r.choice(verbs)
    day = 1 + r.randrange(27)
    month = 1 + r.randrange(3) if k < 10000 else 4 + step // 28
    day = day if k < 10000 else 1 + step % 28
    lines = [r.choice(outlets),
             "%s %s %s in %s" % (where, noun, verb, "spring" if k % 2 else "talks"),
             "By %s" % r.choice(people),
             "%d %s 2025" % (day, ["January", "February", "March", "April",
                                   "May", "June", "July"][month - 1]), ""]
    if not dated:
        del lines[3]
    for p in range(3 + r.randrange(3)):
        lines.append("%s \u2013 %s said the %s was %s after %d days, "
                     "and the %s in %s would follow. Officials in %s "
                     "said %d people had signed." % (
                         where if p == 0 else "Meanwhile", who, noun, verb,
                         r.randrange(2, 90), r.choice(nouns), where,
                         r.choice(places), r.randrange(10, 9000)))
        lines.append("")
    return "\n".join(lines)

def files():
    return sorted(f for f in os.listdir(content) if f.endswith((".txt", ".md")))

def write(name, text):
    with open(os.path.join(content, name), "w") as f:
        f.write(text)

if op == "init":
    for k in range(int(sys.argv[5])):
        write("a%04d.txt" % k, article(k))
    # A hand-written Markdown page: its tags come from the front matter.
    write("page.md", "---\ntitle: \"Notes on the %s\"\ndate: 2025-02-14\n"
          "people:\n- \"%s\"\ntopics:\n- \"%s\"\n---\n%s\n" % (
              nouns[seed % len(nouns)], people[seed % len(people)],
              nouns[(seed + 1) % len(nouns)], article(9999).split("\n", 5)[5]))
    # A file the parser skips with a warning, which every build says.
    write("blank.txt", "\n  \n")
    # Twins: the second takes a suffixed permalink, with a warning that
    # only the build that first publishes them says.
    write("twin-a.txt", article(5000))
    write("twin-b.txt", article(5000))
    sys.exit(0)
ops = ["add", "add", "undated", "correct", "correct", "delete", "rename",
       "rule", "template", "partial", "conf"]
op = rnd.choice(ops) if op == "random" else op
# blank.txt stays as it is: the checks after the series expect its warning.
fs = [f for f in files() if f != "blank.txt"]
if op in ("correct", "delete", "rename") and len(fs) < 3:
    op = "add"
if op == "add":
    write("b%04d-%d.txt" % (step, rnd.randrange(1000)), article(10000 + step))
elif op == "undated":
    write("u%04d-%d.txt" % (step, rnd.randrange(1000)),
          article(10000 + step, False))
elif op == "correct":
    name = rnd.choice(fs)
    p = os.path.join(content, name)
    text = open(p).read()
    text = text.replace(" said ", " told reporters ", 1) if rnd.random() < .5 \
        else text + "\nA spokesman for %s declined to comment.\n" % rnd.choice(places)
    write(name, text)
elif op == "delete":
    os.unlink(os.path.join(content, rnd.choice(fs)))
elif op == "rename":
    name = rnd.choice(fs)
    os.rename(os.path.join(content, name), os.path.join(content, "r%d-%s" % (step, name)))
elif op == "rule":
    who = rnd.choice(people)
    with open(os.path.join(top, "lua", "aliases.lua"), "a") as f:
        f.write('person "%s" { "%s" }\n' % (who, who.split()[1]))
elif op == "template":
    p = os.path.join(top, "templates", "layout.mustache")
    text = open(p).read()
    text = re.sub(r"Sitemap</a>( \u00b7 v\d+)?</p>", "Sitemap</a> \u00b7 v%d</p>" % step, text)
    open(p, "w").write(text)
elif op == "partial":
    # A partial of the lists, made to show (or no longer show) values no
    # default template reads: the article count, the build time.
    p = os.path.join(top, "templates", "card.mustache")
    text = open(p).read()
    shown = '<p class="n">{{site.articles}} {{updated}}</p>\n'
    text = text.replace(shown, "") if shown in text else \
        text.replace("</li>", shown + "</li>")
    open(p, "w").write(text)
elif op == "conf":
    p = os.path.join(top, "site.conf")
    text = open(p).read()
    text = re.sub(r'(?m)^title *=.*$', 'title = "Archive %d"' % step, text)
    open(p, "w").write(text)
print(op)
EOF

# sync: b gets a's inputs (its output, cache and archive are its own).
sync() {
	rm -rf "$T/b/content" "$T/b/lua" "$T/b/templates" "$T/b/site.conf"
	mkdir -p "$T/b"
	cp -R "$T/a/content" "$T/a/lua" "$T/a/templates" "$T/a/site.conf" "$T/b/"
}

# same STEP WHAT: builds a with its cache and b in full, and compares.
same() {
	SOURCE_DATE_EPOCH=$((1750000000 + $1 * 3600)) "$MORGUE" build -C "$T/a" \
	    -q >"$T/a.out" 2>&1
	ra=$?
	SOURCE_DATE_EPOCH=$((1750000000 + $1 * 3600)) "$MORGUE" build -C "$T/b" \
	    --full -q >"$T/b.out" 2>&1
	rb=$?
	check_eq "step $1 ($2): the same exit status" "$ra" "$rb"
	if diff -r "$T/a/public" "$T/b/public" >"$T/diff" 2>&1; then
		ok "step $1 ($2): incremental output equals --full"
	else
		fail "step $1 ($2): incremental output differs from --full (seed $seed)" \
		    "$(head -5 "$T/diff")"
	fi
	ta=$(git --git-dir="$T/a/archive.git" rev-parse -q --verify 'archive^{tree}')
	tb=$(git --git-dir="$T/b/archive.git" rev-parse -q --verify 'archive^{tree}')
	check_eq "step $1 ($2): the same archive tree" "$ta" "$tb"
	if python3 "$TOP/tests/site_check.py" search "$T/a/public" >"$T/sc" 2>&1
	then
		ok "step $1 ($2): the search index is whole"
	else
		fail "step $1 ($2): the search index (seed $seed)" "$(head -3 "$T/sc")"
	fi
}

# again STEP: the same inputs once more: a reuses its last build (the
# stamp) or runs, b builds in full; both must say and show the same.
again() {
	same "$1" again
	check_eq "step $1 (again): the same diagnostics as --full" \
	    "$(cat "$T/a.out")" "$(cat "$T/b.out")"
}

python3 "$T/edit.py" init "$T/a" "$seed" 0 "$n"
sync
same 0 init
check "the twin's permalink is said" grep -q "permalink taken" "$T/a.out"
# On the archive it made, the twin keeps its published permalink without
# a word: the build saves a stamp that says so, and the next one reuses it.
check "a build that warned of a permalink saves its stamp" \
    test -s "$T/a/.morgue/stamp"
SOURCE_DATE_EPOCH=1750000000 "$MORGUE" build -C "$T/a" -v >"$T/v.out" 2>&1
check "and the next build reuses it" grep -q "nothing changed since" \
    "$T/v.out"
check_eq "saying nothing of the twin's permalink" \
    "$(grep -c "permalink taken" "$T/v.out")" 0
again 0
again 0
check "the build cache is made" test -f "$T/a/.morgue/output"
i=1
while [ "$i" -le "$steps" ]; do
	what=$(python3 "$T/edit.py" random "$T/a" "$seed" "$i")
	sync
	same "$i" "$what"
	# The same inputs again: a reuses its last build (the stamp), b
	# builds in full; both must say and show the same.
	if [ $((i % 2)) -eq 0 ]; then
		again "$i"
	fi
	i=$((i + 1))
done

# An unchanged rebuild touches nothing: no file newer than a mark.
touch "$T/mark"
sleep 1
SOURCE_DATE_EPOCH=$((1750000000 + steps * 3600)) "$MORGUE" build -C "$T/a" \
    -q >/dev/null 2>&1
check_eq "an unchanged rebuild writes no file" \
    "$(find "$T/a/public" "$T/a/archive.git" -newer "$T/mark" \
    ! -name morgue.lock | head -3)" ""
check "and it reuses the last build" test -s "$T/a/.morgue/stamp"
SOURCE_DATE_EPOCH=$((1750000000 + steps * 3600)) "$MORGUE" build -C "$T/a" \
    >"$T/again.out" 2>&1
check_eq "it says the skipped file's warning again, with its status" \
    "$?:$(grep -c 'blank.txt' "$T/again.out")" "0:1"

# A committing build after a hand edit of the output puts it right
# although nothing else changed.
SOURCE_DATE_EPOCH=$((1750000000 + steps * 3600)) "$MORGUE" build -C "$T/a" \
    -q >/dev/null 2>&1
cp "$T/a/public/index.html" "$T/index.good"
echo "hand edit" >>"$T/a/public/index.html"
SOURCE_DATE_EPOCH=$((1750000000 + steps * 3600)) "$MORGUE" build -C "$T/a" \
    -q >/dev/null 2>&1
check "a hand edit is put right by an otherwise unchanged build" \
    cmp -s "$T/index.good" "$T/a/public/index.html"

# A hand edit of the output, or a journal a killed build left, makes the
# next build compare the whole tree and put right what differs.
cp -R "$T/a/public" "$T/good"
echo "hand edit" >>"$T/a/public/index.html"
export SOURCE_DATE_EPOCH=$((1750000000 + steps * 3600))
"$MORGUE" build -C "$T/a" -q --no-commit >/dev/null 2>&1
check "a hand-edited page is rewritten" \
    cmp -s "$T/good/index.html" "$T/a/public/index.html"
printf '+index.html\n' >"$T/a/.morgue/output.journal"
"$MORGUE" build -C "$T/a" -q --no-commit >/dev/null 2>&1
check "a killed build's journal is gone after the next build" \
    test ! -e "$T/a/.morgue/output.journal"
check "and the output is whole" diff -r "$T/good" "$T/a/public"
unset SOURCE_DATE_EPOCH

# Stable pages: with two full pages of a list, one more (newest) article
# leaves every numbered page as it was.
rm -rf "$T/a/content"/* "$T/a/public" "$T/a/.morgue" "$T/a/archive.git" \
    "$T/a/templates"
cp "$TOP/site.conf" "$T/a/"
cp -R "$TOP/templates" "$T/a/"
python3 "$T/edit.py" init "$T/a" "$seed" 0 40
"$MORGUE" build -C "$T/a" -q >/dev/null 2>&1
cp -R "$T/a/public" "$T/before"
python3 "$T/edit.py" add "$T/a" "$seed" 99 >/dev/null
"$MORGUE" build -C "$T/a" -q >/dev/null 2>&1
check "page 1 of the index is as it was" \
    cmp -s "$T/before/page/1/index.html" "$T/a/public/page/1/index.html"
check "page 2 of the index is as it was" \
    cmp -s "$T/before/page/2/index.html" "$T/a/public/page/2/index.html"
# The search index: a newer article goes to the delta shards and leaves
# the sealed ones alone, unless it fills a block, when they are merged.
sealed() { sed 's/.*"sealed":\([0-9]*\).*/\1/' "$1/search/index.js"; }
if [ "$(sealed "$T/before")" = "$(sealed "$T/a/public")" ]; then
	check "a newer article leaves the sealed search shards alone" \
	    diff -r "$T/before/search/w" "$T/a/public/search/w"
	check_eq "and changes the index, its story and the delta shards only" \
	    "$(cd "$T/a/public/search" && for f in $(find . -type f); do
		cmp -s "$f" "$T/before/search/$f" || echo "${f%%/[0-9]*}"; done |
		sort -u | tr '\n' ' ')" "./a ./d ./index.js "
else
	skip "the new article filled a block of the search index (seed $seed)"
fi

# An undated article takes its place by the day the archive first saw
# it: it joins the front page and moves no numbered page.
rm -rf "$T/before"
cp -R "$T/a/public" "$T/before"
python3 "$T/edit.py" undated "$T/a" "$seed" 98 >/dev/null
"$MORGUE" build -C "$T/a" -q >/dev/null 2>&1
check "an undated article leaves page 1 of the index as it was" \
    cmp -s "$T/before/page/1/index.html" "$T/a/public/page/1/index.html"
check "and page 2" \
    cmp -s "$T/before/page/2/index.html" "$T/a/public/page/2/index.html"
u=$(ls "$T/a/content" | grep '^u0098')
check "it is listed on the front page" \
    grep -q "$(sed -n 2p "$T/a/content/$u")" "$T/a/public/index.html"
check "and on the page of undated articles" \
    grep -q "$(sed -n 2p "$T/a/content/$u")" \
    "$T/a/public/archive/undated/index.html"

# A page is rendered only when what it shows changed: a corrected
# article renders its own page and the few that show it, and a build
# that changed nothing a page shows renders none.
rendered() { sed -n 's/.*; \([0-9]*\) pages rendered, \([0-9]*\) kept.*/\1 \2/p' \
    "$T/v.out"; }
"$MORGUE" build -C "$T/a" -v --no-commit >"$T/v.out" 2>&1
set -- $(rendered)
check_eq "a build with nothing new renders no page" "${1:-none}" 0
python3 "$T/edit.py" correct "$T/a" "$seed" 100 >/dev/null
"$MORGUE" build -C "$T/a" -v >"$T/v.out" 2>&1
set -- $(rendered)
check "a corrected article renders a few pages ($1 of $(($1 + $2)))" \
    test "$((${1:-1000} * 2))" -lt "$((${1:-0} + ${2:-0}))"
python3 "$T/edit.py" template "$T/a" "$seed" 101 >/dev/null
"$MORGUE" build -C "$T/a" -v >"$T/v.out" 2>&1
set -- $(rendered)
html=$(find "$T/a/public" -name '*.html' | wc -l)
check "a changed layout renders every HTML page again ($1 pages)" \
    test "${1:-0}" -ge "$html"
finish
