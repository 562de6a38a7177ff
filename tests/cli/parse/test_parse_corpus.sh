#!/bin/sh
# test_parse_corpus.sh: `morgue parse --json` on the real corpus of
# ../shared: the hand labels must be met (score-parse --min 0.95), and the
# seed articles must come out with a headline, their byline, date and URL,
# and no boilerplate left in the body. Expected values are read from the
# seed files themselves at run time; no corpus text lives in this file.
. tests/lib.sh

if ! need_shared || [ ! -d "$SHARED/corpus/seeds" ]; then
	skip "no ../shared corpus"
	finish
	exit
fi
corpus=$SHARED/corpus

"$SHARED/tools/score-parse" "$corpus/labels-dev.json" "$corpus" \
    --cmd "$MORGUE parse --json" --min 0.95 >"$T/score" 2>&1
check_grep "labels: fields right at least 0.95" \
    '^fields right: .*= (0\.9[5-9]|1\.000)' "$T/score"
check_grep "labels: every file gives JSON" 'no JSON: 0$' "$T/score"

# seed FILE DATE NAUTHORS: checks one seed's JSON. DATE is the ISO date
# the seed prints (or "null"), NAUTHORS the number of people in its byline.
seed() {
	f=$(ls "$corpus"/seeds/"$1"_*.txt)
	"$MORGUE" parse --json "$f" >"$T/$1.json" 2>"$T/$1.err"
	check "seed $1: parses" [ -s "$T/$1.json" ]
	python3 - "$f" "$T/$1.json" "$2" "$3" >"$T/$1.out" <<'EOF'
import json, re, sys
src, out, date, nauth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
text = open(src, encoding="utf-8").read()
a = json.load(open(out, encoding="utf-8"))
lines = [l.strip() for l in text.splitlines() if l.strip()]
bad = []
t = a.get("title") or ""
# The headline is a line of the text, of some words, and not the first
# line when that is a site name or a section label above it.
if t not in lines or len(t.split()) < 4:
    bad.append("title %r" % t)
if t and t[0].islower():
    bad.append("title is a kicker")
if (a.get("date") or "null") != date:
    bad.append("date %r" % a.get("date"))
if len(a.get("authors") or []) != nauth:
    bad.append("authors %r" % a.get("authors"))
for name in a.get("authors") or []:
    if name not in text:
        bad.append("author %r not in text" % name)
# The URL: printed after "Original url:", with the stray spaces gone.
m = re.search(r"Original url:\s*\n\s*(https?://[^\n]+)", text)
want = re.sub(r"\s+", "", m.group(1)) if m else None
if a.get("url") != want:
    bad.append("url %r, want %r" % (a.get("url"), want))
marks = ("Related article", "Next Story", "Next Post", "Share it",
         "source site-", "Original url")
paras = a.get("paragraphs") or []
for p in paras:
    for mk in marks:
        if mk in p:
            bad.append("boilerplate %r in body" % mk)
# Nothing after a "Next Post"/"Next Story" line is body.
for mk in ("Next Post", "Next Story"):
    if mk in lines:
        after = lines[lines.index(mk) + 1:]
        if any(l in paras for l in after):
            bad.append("teaser after %r kept" % mk)
if not paras:
    bad.append("no paragraphs")
print("\n".join(bad) if bad else "ok")
EOF
	check_eq "seed $1: title, authors, date, url, body" \
	    "$(cat "$T/$1.out")" ok
}

seed 000 2021-12-01 1
seed 001 null 0
seed 002 null 0
seed 003 null 0
seed 004 null 0

# Seed 000 names its wire agency in the byline, seed 001 in the dateline.
"$MORGUE" parse --json "$corpus"/seeds/001_*.txt >"$T/d.json"
check_grep "seed 001: agency from the dateline" '"agency": "AFP"' "$T/d.json"
check_grep "seed 000: agency from the byline" '"agency": "AFP"' "$T/000.json"

finish
