#!/bin/sh
# test_inputs.sh: what one input may cost, and inputs that used to hang
# or to lose data. Each build here finishes in seconds, also under ASan:
#   - an article of thousands of names: tags capped (a warning), and the
#     site it makes stays a few MB;
#   - front matter deeply nested, deeply indented or full of anchors is
#     refused before libyaml; a body of repeated short blocks is linear;
#   - a rule's __gc finalizer is refused, a FIFO as rule file too;
#   - the rules' clocks are UTC and SOURCE_DATE_EPOCH, whatever TZ says;
#   - a part of the content that cannot be read is not a deletion.
. tests/lib.sh

# site DIR: an empty site with the project's templates and rules.
site() {
	rm -rf "$1"
	mkdir -p "$1/content"
	cp -R "$TOP/lua" "$TOP/templates" "$1/"
	echo 'title = "Guarded"' >"$1/site.conf"
}

# build NAME DIR [ARGS]: runs a build with a time limit; sets rc.
build() {
	name=$1 dir=$2
	shift 2
	(cd "$dir" && timeout 60 "$MORGUE" build -q "$@") >"$T/$name.out" \
	    2>"$T/$name.err"
	rc=$?
}

# --- One article of thousands of names -------------------------------------
site "$T/n"
python3 - "$T/n/content/names.txt" <<'PY'
import random, sys
random.seed(3)
syl = ["ka", "lo", "mi", "ren", "dor", "vel", "sa", "tin", "bra", "gel",
       "hor", "ish", "ul", "pe", "zar", "qua", "nim", "fel", "os", "tra"]
def name():
    w = lambda k: "".join(random.choice(syl) for _ in range(k)).capitalize()
    return w(2) + " " + w(3)
paras, size = [], 0
while size < 52000:
    p = " ".join("%s met %s on Tuesday." % (name(), name()) for _ in range(6))
    paras.append(p)
    size += len(p) + 2
open(sys.argv[1], "w").write("Names in the harbour report\n\nBy Ada Quill\n\n"
    "PORTVALE, 3 March 2024 - " + "\n\n".join(paras) + "\n")
PY
build names "$T/n" --no-commit
check_eq "an article of names builds" "$rc" 0
check_grep "the tags over the cap are a warning with the path" \
    "^content/names.txt: warning: [0-9]+ tags left out" "$T/names.err"
kb=$(du -sk "$T/n/public" | cut -f1)
check "its site stays under 8 MB (${kb} KB)" [ "$kb" -lt 8192 ]
pages=$(find "$T/n/public" -name index.html | wc -l)
check "at most a few hundred pages ($pages)" [ "$pages" -lt 400 ]

# A .md page with a thousand topics and a very long one.
site "$T/m"
python3 - "$T/m/content/page.md" <<'PY'
import sys
topics = "".join("  - topic number %d\n" % i for i in range(1000))
open(sys.argv[1], "w").write("---\ntitle: Many topics\ndate: 2024-03-01\n"
    "topics:\n" + topics + "  - " + "x" * 5000 + "\n---\n\nOne paragraph.\n")
PY
build md "$T/m" --no-commit
check_eq "a page of 1,000 topics builds" "$rc" 0
check_grep "its extra topics are a warning" \
    "^content/page.md: warning: 801 tags left out" "$T/md.err"
check_eq "200 topic pages at most" \
    "$(find "$T/m/public/topics" -mindepth 1 -maxdepth 1 -type d | wc -l)" 200

# --- Front matter that libyaml would take minutes on ------------------------
site "$T/y"
python3 - "$T/y/content" <<'PY'
import sys
d = sys.argv[1]
def page(name, fm):
    open(d + "/" + name, "w").write("---\n" + fm + "\n---\n\nA body.\n")
page("brackets.md", "title: " + "[" * 200000)
page("braces.md", "title: " + "{" * 200000)
page("dashes.md", "- " * 200000 + "x")
page("indent.md", "".join(" " * i + "k:\n" for i in range(0, 400, 2)))
page("anchors.md", "".join("a%d: &a%d x\n" % (i, i) for i in range(20000)) +
     "".join("b%d: *a%d\n" % (i, i) for i in range(20000)))
# Quotes: brackets in a quoted scalar are text; a quote inside a plain
# scalar or a comment hides none.
page("quoted.md", 'title: "Forty [' + "[" * 40 + '] it\'s"\n'
     "topics: ['it''s " + "{" * 40 + "', \"a \\\" " + "[" * 40 + '"]')
page("hidden.md", "title: it's\ntopics: [a 'b, " + "[" * 5000)
page("hidden2.md", "title: x\ntopics: [a- 'b, " + "[" * 5000)
page("comment.md", "# note: '\ntitle: x\ntopics: " + "[" * 5000 + "\n# '")
# 512 KiB of short blocks that each look like front matter.
open(d + "/blocks.md", "w").write("---\ntitle: Blocks\n---\n\n" +
     "---\na: b\n---\n\nx\n\n" * 30000)
PY
start=$(date +%s)
build yaml "$T/y" --no-commit
took=$(( $(date +%s) - start ))
check "hostile front matter builds in seconds (${took} s)" [ "$took" -lt 30 ]
for w in "brackets.md:1: warning: front matter nested too deeply" \
    "braces.md:1: warning: front matter nested too deeply" \
    "dashes.md:1: warning: front matter indented too deeply" \
    "indent.md:1: warning: front matter indented too deeply" \
    "anchors.md:1: warning: front matter has too many anchors" \
    "hidden.md:1: warning: front matter nested too deeply" \
    "hidden2.md:1: warning: front matter nested too deeply" \
    "comment.md:1: warning: front matter nested too deeply"; do
	check_grep "refused: ${w%%:*}" "^content/$w" "$T/yaml.err"
done
check_nogrep "a quoted title of brackets is no nesting" "^content/quoted.md" \
    "$T/yaml.err"
check "and its page is built" \
    test -n "$(find "$T/y/public/articles" -path '*forty*' -name index.html)"
check "the page of blocks is built" \
    test -n "$(find "$T/y/public/articles" -path '*blocks*' -name index.html)"

# --- Rules that would hang after the build, or block it ---------------------
site "$T/g"
cp "$TOP/content/01-"*.txt "$T/g/content/"
printf 'rules = { "lua/gc.lua" }\n' >"$T/g/site.conf"
printf 'local keep = setmetatable({}, { __gc = function() while true do end end })\n' \
    >"$T/g/lua/gc.lua"
build gc "$T/g"
check_eq "a rule with a looping __gc: exit 3, no hang" "$rc" 3
check_grep "the refusal names the rule's line" \
    "^lua/gc.lua:1: error: .*__gc" "$T/gc.err"
printf 'local mt = {}\nlocal t = setmetatable({}, mt)\nmt.__gc = function() while true do end end\nfunction article(a) end\n' \
    >"$T/g/lua/gc.lua"
build gc2 "$T/g"
check_eq "a __gc added later is never run: exit 0" "$rc" 0
rm "$T/g/lua/gc.lua" && mkfifo "$T/g/lua/gc.lua"
start=$(date +%s)
build fifo "$T/g"
check_eq "a FIFO as rule file: exit 3" "$rc" 3
check_grep "and says what it is" "gc.lua.*not a regular file" "$T/fifo.err"
check "at once ($(( $(date +%s) - start )) s)" [ $(( $(date +%s) - start )) -lt 5 ]

# --- Clocks: UTC, from SOURCE_DATE_EPOCH -------------------------------------
site "$T/c"
cp "$TOP/content/01-"*.txt "$T/c/content/"
printf 'rules = { "lua/clock.lua" }\n' >"$T/c/site.conf"
cat >"$T/c/lua/clock.lua" <<'LUA'
function article(a)
  a:tag("topics", os.date("%Y-%m-%d %H:%M") .. " " .. os.date("*t").hour ..
    " " .. os.time{year = 2024, month = 3, day = 1} .. " " .. os.clock())
end
LUA
for tz in UTC Pacific/Kiritimati America/Los_Angeles; do
	(cd "$T/c" && SOURCE_DATE_EPOCH=1700000000 TZ=$tz timeout 60 \
	    "$MORGUE" build -q) 2>"$T/clock.err"
	ls "$T/c/public/topics" | grep -v index >"$T/clock.$(echo $tz | tr / -)"
done
check_eq "os.date and os.time in UTC from SOURCE_DATE_EPOCH" \
    "$(cat "$T/clock.UTC")" "2023-11-14-22-13-22-1709294400-0-0"
check_eq "the same tag on Kiritimati" "$(cat "$T/clock.Pacific-Kiritimati")" \
    "2023-11-14-22-13-22-1709294400-0-0"
check_eq "and in Los Angeles" "$(cat "$T/clock.America-Los_Angeles")" \
    "2023-11-14-22-13-22-1709294400-0-0"
check_eq "one commit for three zones" \
    "$(git --git-dir="$T/c/archive.git" rev-list --count archive)" 1

# --- A read error is not a deletion ------------------------------------------
site "$T/r"
mkdir -p "$T/r/content/a" "$T/r/content/b"
cp "$TOP/content/01-"*.txt "$TOP/content/02-"*.txt "$T/r/content/a/"
cp "$TOP/content/03-"*.txt "$TOP/content/04-"*.txt "$T/r/content/b/"
build r1 "$T/r"
check_eq "the first build commits" "$rc" 0
as_user=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		chown -R 65534:65534 "$T/r"
		chmod 755 "$T"
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		as_user=none
	fi
fi
if [ "$as_user" = none ]; then
	skip "running as root without setpriv: permissions cannot be denied"
else
	chmod 000 "$T/r/content/b"
	cp -R "$T/r/public" "$T/r-before"
	(cd "$T/r" && HOME="$T" timeout 60 $as_user "$MORGUE" build -q) \
	    >/dev/null 2>"$T/r2.err"
	check_eq "an unreadable folder: exit 1" "$?" 1
	check_grep "the folder is named" "^content/b: error: cannot read" "$T/r2.err"
	check_eq "no commit" \
	    "$(git --git-dir="$T/r/archive.git" rev-list --count archive)" 1
	check "the site is as it was" diff -r "$T/r-before" "$T/r/public"
	(cd "$T/r" && HOME="$T" timeout 60 $as_user "$MORGUE" build -q \
	    --allow-missing) >/dev/null 2>"$T/r3.err"
	check_eq "--allow-missing builds without them" \
	    "$(git --git-dir="$T/r/archive.git" rev-list --count archive)" 2
	chmod 755 "$T/r/content/b"
fi

finish
