# tests/cli/render/test_template.sh: `morgue template FILE [--data JSON]
# [--partials DIR]` prints exactly the rendered template, nothing added;
# template errors are file:line and exit 3.
. tests/lib.sh

# same NAME WANT-PRINTF-FORMAT FILE: FILE holds exactly printf's output.
same() {
	printf "$2" >"$T/want"
	if cmp -s "$T/want" "$3"; then ok "$1"; else
		fail "$1" "output differs"
		od -c "$3" | head -5
	fi
}

mkdir -p "$T/tpl" "$T/parts" "$T/other"
printf 'Hello {{name}}!\n{{#list}}[{{.}}]{{/list}}\n' >"$T/tpl/page.mustache"
"$MORGUE" template "$T/tpl/page.mustache" \
    --data '{"name": "<Ann & O'\''Neil>", "list": [1, 2.5, "x"]}' \
    >"$T/out" 2>"$T/err"
check_eq "renders: exit 0" $? 0
same "renders: exact bytes, escaped" \
    'Hello &lt;Ann &amp; O&#39;Neil&gt;!\n[1][2.5][x]\n' "$T/out"
check "renders: nothing on stderr" test ! -s "$T/err"

# No newline is added to a template that has none.
printf '{{{a}}}' >"$T/tpl/raw.mustache"
"$MORGUE" template "$T/tpl/raw.mustache" --data='{"a": "<b>"}' >"$T/out"
same "no newline added" '<b>' "$T/out"

# --data as a file, and from standard input; without it, an empty object.
printf '{"name": "file"}' >"$T/data.json"
"$MORGUE" template "$T/tpl/page.mustache" --data "$T/data.json" >"$T/out"
same "--data FILE" 'Hello file!\n\n' "$T/out"
printf '{"name": "stdin"}' |
    "$MORGUE" template "$T/tpl/page.mustache" --data - >"$T/out"
same "--data -" 'Hello stdin!\n\n' "$T/out"
"$MORGUE" template "$T/tpl/page.mustache" >"$T/out"
same "no --data" 'Hello !\n\n' "$T/out"

# Partials: DIR/name.mustache, else DIR/name.html, else DIR/name.
printf 'A.mustache' >"$T/parts/a.mustache"
printf 'A.html' >"$T/parts/a.html"
printf 'A' >"$T/parts/a"
printf 'B.html' >"$T/parts/b.html"
printf 'B' >"$T/parts/b"
printf 'C {{x}}' >"$T/parts/c"
printf '{{>a}}|{{>b}}|{{>c}}\n' >"$T/tpl/inc.mustache"
"$MORGUE" template "$T/tpl/inc.mustache" --partials "$T/parts" \
    --data '{"x": 3}' >"$T/out"
same "--partials order .mustache .html bare" 'A.mustache|B.html|C 3\n' \
    "$T/out"

# Without --partials, partials come from FILE's directory.
printf 'side {{x}}' >"$T/tpl/side.html"
printf '<{{>side}}>' >"$T/tpl/main.mustache"
"$MORGUE" template "$T/tpl/main.mustache" --data '{"x": 1}' >"$T/out"
same "partials default to FILE's directory" '<side 1>' "$T/out"

# A layout with blocks, and an indented standalone partial.
printf '<main>\n  {{$body}}\n  default\n  {{/body}}\n</main>\n' \
    >"$T/parts/layout.mustache"
printf '<p>{{.}}</p>\n' >"$T/parts/para.mustache"
printf '%s\n' '{{<layout}}' '{{$body}}' '<h1>{{title}}</h1>' '{{#paras}}' \
    '  {{>para}}' '{{/paras}}' '{{/body}}' '{{/layout}}' \
    >"$T/tpl/article.mustache"
"$MORGUE" template "$T/tpl/article.mustache" --partials "$T/parts" \
    --data '{"title": "T", "paras": ["a", "b"]}' >"$T/out"
same "inheritance and indentation" \
    '<main>\n  <h1>T</h1>\n    <p>a</p>\n    <p>b</p>\n</main>\n' "$T/out"

# Template errors: file:line: error, exit 3, nothing on stdout.
printf 'one\ntwo\n{{#s}}\nthree\n' >"$T/tpl/bad.mustache"
"$MORGUE" template "$T/tpl/bad.mustache" >"$T/out" 2>"$T/err"
check_eq "unclosed section: exit 3" $? 3
check_grep "unclosed section: file:line" \
    "^$T/tpl/bad.mustache:3: error: unclosed section \"s\"$" "$T/err"
check "unclosed section: no output" test ! -s "$T/out"

printf 'a\n{{#s}}\n{{/t}}\n' >"$T/tpl/bad2.mustache"
"$MORGUE" template "$T/tpl/bad2.mustache" 2>"$T/err" >"$T/out"
check_eq "mismatched close: exit 3" $? 3
check_grep "mismatched close: file:line" \
    "bad2.mustache:3: error: close tag \"t\" does not match section \"s\"" \
    "$T/err"

printf '{{>nope}}' >"$T/tpl/miss.mustache"
"$MORGUE" template "$T/tpl/miss.mustache" --partials "$T/other" \
    2>"$T/err" >"$T/out"
check_eq "missing partial: exit 0, as the spec renders it empty" $? 0
check_grep "missing partial: a warning at file:line" \
    "miss.mustache:1: warning: partial \"nope\" not found" "$T/err"
check_eq "missing partial: nothing in its place" "$(cat "$T/out")" ""
printf 'a\n{{titel}}\n' >"$T/tpl/typo.mustache"
"$MORGUE" template "$T/tpl/typo.mustache" --data '{"title": "x"}' \
    2>"$T/err" >"$T/out"
check_eq "misspelt variable: exit 0" $? 0
check_grep "misspelt variable: a warning at file:line" \
    "typo.mustache:2: warning: variable \"titel\" not found" "$T/err"

printf '\n{{>bad}}' >"$T/tpl/usebad.mustache"
printf 'x\n{{oops\n' >"$T/parts/bad.mustache"
"$MORGUE" template "$T/tpl/usebad.mustache" --partials "$T/parts" \
    2>"$T/err" >"$T/out"
check_eq "bad partial: exit 3" $? 3
check_grep "bad partial: its own file:line" \
    "parts/bad.mustache:2: error: unclosed tag" "$T/err"
check_grep "bad partial: where it is used" \
    "usebad.mustache:2: error: partial \"bad\" has errors" "$T/err"

printf 'x{{>loop}}' >"$T/parts/loop.mustache"
printf '{{>loop}}' >"$T/tpl/loop.mustache"
"$MORGUE" template "$T/tpl/loop.mustache" --partials "$T/parts" \
    2>"$T/err" >"$T/out"
check_eq "recursive partial: exit 3" $? 3
check_grep "recursive partial: reported" \
    "loop.mustache:1: error: \"loop\" nested deeper than 1000 levels" "$T/err"
check "recursive partial: no output" test ! -s "$T/out"

printf '{"a": \n  [1,}' >"$T/bad.json"
"$MORGUE" template "$T/tpl/page.mustache" --data "$T/bad.json" \
    2>"$T/err" >"$T/out"
check_eq "bad JSON data: exit 3" $? 3
check_grep "bad JSON data: file:line" "bad.json:2: error: bad JSON data" \
    "$T/err"

# Usage.
"$MORGUE" template --help >"$T/out"
check_eq "--help: exit 0" $? 0
check_grep "--help: synopsis" \
    "^usage: morgue template FILE \[--data JSON\] \[--partials DIR\]" \
    "$T/out"
"$MORGUE" template 2>"$T/err"
check_eq "no FILE: exit 2" $? 2
"$MORGUE" template "$T/tpl/page.mustache" --bogus 2>"$T/err"
check_eq "unknown option: exit 2" $? 2
"$MORGUE" template "$T/nonexistent.mustache" 2>"$T/err"
check_eq "unreadable FILE: exit 3" $? 3
check_grep "unreadable FILE: named" \
    "nonexistent.mustache: error: cannot read" "$T/err"

# A FIFO or a directory is refused at once, never waited on.
mkfifo "$T/fifo" 2>/dev/null && {
	timeout 10 "$MORGUE" template "$T/fifo" 2>"$T/err"
	check_eq "FIFO: exit 3" $? 3
	check_grep "FIFO: refused" "fifo: error: not a regular file" "$T/err"
}
"$MORGUE" template "$T/tpl" 2>"$T/err"
check_eq "directory: exit 3" $? 3

finish
