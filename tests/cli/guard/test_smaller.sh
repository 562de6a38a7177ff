#!/bin/sh
# test_smaller.sh: the smaller guards, one check each: impossible dates,
# one tag per name whatever its Unicode spelling, invisible characters
# out of tags, Lua error messages whole but bounded, the packs of killed
# commits cleaned, a body that comes out empty said, the manuals' example
# settings written as Lua would read them.
. tests/lib.sh

site() {
	rm -rf "$1"
	mkdir -p "$1/content"
	cp -R "$TOP/lua" "$TOP/templates" "$1/"
	echo 'title = "Smaller"' >"$1/site.conf"
}

build() {
	name=$1 dir=$2
	shift 2
	(cd "$dir" && SOURCE_DATE_EPOCH=1700000000 timeout 60 "$MORGUE" \
	    build -q "$@") >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
}

page() {	# FILE DATE TOPIC
	printf -- '---\ntitle: "Page on %s"\ndate: %s\ntopics: ["%s"]\n---\n\nA short paragraph of the page.\n' \
	    "$3" "$2" "$3" >"$1"
}

# --- The manuals' example settings are Lua ---------------------------------
# Every "key = value" line of a rendered manual, its value in the Lua a
# reader would copy: whole strings, never a string run into a quote.
if command -v mandoc >/dev/null 2>&1; then
	for m in "$TOP"/man/*.[157]; do
		mandoc -Tascii "$m" | sed 's/.\x08//g'
	done >"$T/man.txt"
	python3 - "$T/man.txt" >"$T/man.out" <<'PY'
import re, sys
tok = re.compile(r'\s*(?:"[^"\n]*"(?!")|\.\.|[A-Za-z_][\w.]*|\d+(?:\.\d+)?|[{},=])')
n = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r'\s+[a-z_]+\s+=\s+(["{].*)$', line.rstrip())
    if not m:
        continue
    v, i = m.group(1), 0
    while i < len(v) and (t := tok.match(v, i)) and t.end() > i:
        i = t.end()
    n += 1
    # What follows a value may be the end of a sentence of prose.
    if v[i:].strip() and not re.match(r'[.;:](\s|$)', v[i:]):
        print("not Lua:", line.strip())
print(n, "settings")
PY
	check_nogrep "the manuals' example settings read as Lua" "^not Lua" \
	    "$T/man.out"
	check "and there are some ($(tail -1 "$T/man.out"))" \
	    [ "$(tail -1 "$T/man.out" | cut -d' ' -f1)" -gt 5 ]
else
	skip "no mandoc to render the manuals"
fi

# --- Impossible dates -------------------------------------------------------
site "$T/d"
page "$T/d/content/a.md" 9999-99-99 one
page "$T/d/content/b.md" 2025-13-45 two
page "$T/d/content/c.md" 2025-02-29 three
page "$T/d/content/e.md" 2024-02-29 four
printf 'Council meets on a day that is not\n\nBy Ada Quill\n\nFebruary 30, 2025\n\nThe council met to talk about the harbour fees and the new bridge over the river, said the clerk.\n' \
    >"$T/d/content/f.txt"
build dates "$T/d" --no-commit
for p in a b c; do
	check_grep "$p.md: the impossible date is a warning" \
	    "^content/$p.md:[0-9]+: warning: date .* not a day" "$T/dates.err"
done
cp "$T/d/public/feed.xml" "$T/feed.xml"
check_nogrep "no impossible date reaches the feed" \
    '9999-99|2025-13|2025-02-29|2025-02-30' "$T/d/public/feed.xml"
check_grep "a leap day is a day" '2024-02-29' "$T/d/public/articles.json"
check "February 30 leaves the text article undated" \
    test -d "$T/d/public/articles/undated"

# --- One tag per name, invisible characters out -----------------------------
site "$T/u"
page "$T/u/content/nfc.md" 2024-03-01 "$(printf 'caf\303\251 society')"
page "$T/u/content/nfd.md" 2024-03-02 "$(printf 'cafe\314\201 society')"
page "$T/u/content/bidi.md" 2024-03-03 "$(printf 'ha\342\200\256rbour\342\200\213 fees')"
build tags "$T/u" --no-commit
check_eq "NFC and NFD spellings make one topic" \
    "$(ls "$T/u/public/topics" | grep -c caf)" 1
python3 - "$T/u/public/articles.json" >"$T/topics" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1], encoding="utf-8")):
    for t in a.get("topics", []):
        print(ascii(t))
PY
check_nogrep "no U+202E or U+200B in any tag" 'u202e|u200b' "$T/topics"
check_grep "the tag reads as its visible text" "'harbour fees'" "$T/topics"

# --- Lua error messages: a NUL does not cut them, megabytes do not flood ----
site "$T/l"
cp "$TOP/content/01-"*.txt "$T/l/content/"
printf 'rules = { "lua/e.lua" }\n' >"$T/l/site.conf"
printf 'function article(a) error("before\\0after") end\n' >"$T/l/lua/e.lua"
build nul "$T/l" --no-commit
check_grep "the text after a NUL is kept" 'before\\0after' "$T/nul.err"
printf 'function article(a) error(("x"):rep(30 * 1024 * 1024)) end\n' \
    >"$T/l/lua/e.lua"
build huge "$T/l" --no-commit
check "a 30 MB message gives a short diagnostic ($(wc -c <"$T/huge.err") bytes)" \
    [ "$(wc -c <"$T/huge.err")" -lt 8192 ]
check_grep "saying how long it was" 'bytes in all' "$T/huge.err"

# --- The packs that killed commits leave are removed -------------------------
site "$T/p"
cp "$TOP/content/01-"*.txt "$T/p/content/"
build p1 "$T/p"
mkdir -p "$T/p/archive.git/objects/pack"
head -c 100000 /dev/zero >"$T/p/archive.git/objects/pack/tmp_pack_aB3dE1"
head -c 1000 /dev/zero >"$T/p/archive.git/objects/pack/tmp_idx_Zz9yX8"
build p2 "$T/p"
check_eq "the build after a killed one: exit 0" "$rc" 0
check_eq "its temporary packs are gone" \
    "$(ls "$T/p/archive.git/objects/pack" | grep -c '^tmp_')" 0
check_grep "with a warning" "removed objects/pack/tmp_pack_aB3dE1" "$T/p2.err"
git --git-dir="$T/p/archive.git" fsck --full --strict --no-dangling \
    >/dev/null 2>&1
check_eq "git fsck is clean" "$?" 0

# --- A template whose block closes what it did not open ---------------------
printf '{{$b}}\n{{/b}}' >"$T/t.mustache"
"$MORGUE" template "$T/t.mustache" >/dev/null 2>"$T/t.err"
rc=$?
check "a mismatched block: an answer, no crash (exit $rc)" [ "$rc" -le 3 ]
check_nogrep "and no sanitizer report" "runtime error|Sanitizer" "$T/t.err"

# --- A short article keeps its body --------------------------------------------
printf 'Harbour fees rise\n\nThe harbour board raised fees on Tuesday.\n' \
    >"$T/short.txt"
printf 'Harbour fees rise\n\nBy Ada Quill\n\n3 March 2024\n\nThe board raised fees.\n' \
    >"$T/short2.txt"
"$MORGUE" parse --json "$T/short.txt" "$T/short2.txt" >"$T/short.json" \
    2>"$T/short.err"
python3 - "$T/short.json" >"$T/short.out" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1], encoding="utf-8")):
    print(len(a["paragraphs"]), a["paragraphs"][:1], a["word_count"])
PY
check_eq "one short paragraph is a body" "$(sed -n 1p "$T/short.out")" \
    "1 ['The harbour board raised fees on Tuesday.'] 7"
check_eq "the byline and date are not" "$(sed -n 2p "$T/short.out")" \
    "1 ['The board raised fees.'] 4"
check_nogrep "and neither is a warning" "no body text" "$T/short.err"

# --- A body that comes out empty is said -------------------------------------
site "$T/e"
printf 'Harbour fees rise\n' >"$T/e/content/title-only.txt"
build empty "$T/e" --no-commit
check_grep "an empty body is a warning with the path" \
    "^content/title-only.txt: warning: no body text found" "$T/empty.err"

finish
