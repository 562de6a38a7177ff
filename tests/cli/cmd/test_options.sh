# tests/cli/cmd/test_options.sh: every command reads its options the same
# way (-C DIR and -CDIR, --opt=value and --opt value, options after the
# operands, -- ends them), and its --help lists every option of its usage
# line.
. tests/lib.sh

mkdir -p "$T/site" "$T/tpl"
printf 'A plain title\n\nThe first paragraph of a short report.\n' \
    >"$T/site/a.txt"
cp "$T/site/a.txt" "$T/site/-dash.txt"
printf '<{{x}}>\n' >"$T/tpl/t.mustache"

# {==== values joined or apart

for form in "-C $T/site" "-C$T/site"; do
	# shellcheck disable=SC2086
	"$MORGUE" log $form 2>"$T/err"
	check_eq "log $form: no archive yet is exit 1" $? 1
	check_grep "log $form: looks in DIR" "^$T/site/archive.git: error" \
	    "$T/err"
done

"$MORGUE" template --data='{"x": 1}' "$T/tpl/t.mustache" >"$T/out1"
check_eq "--data=JSON: exit 0" $? 0
"$MORGUE" template --data '{"x": 1}' "$T/tpl/t.mustache" >"$T/out2"
check_eq "--data JSON: exit 0" $? 0
check_eq "--data=JSON renders" "$(cat "$T/out1")" "<1>"
check_eq "--data JSON renders" "$(cat "$T/out2")" "<1>"
"$MORGUE" template "$T/tpl/t.mustache" --data '{"x": 2}' >"$T/out3"
check_eq "an option after the operand" "$(cat "$T/out3")" "<2>"

# }====

# {==== -- and operands that look like options

(cd "$T/site" && "$MORGUE" parse --md -- -dash.txt) >"$T/md" 2>"$T/err"
check_eq "-- then a file named -dash.txt: exit 0" $? 0
check_grep "-- : the file is parsed" '^title: "A plain title"' "$T/md"
(cd "$T/site" && "$MORGUE" parse -dash.txt) >/dev/null 2>"$T/err"
check_eq "-dash.txt without --: a usage error" $? 2
check_grep "the unknown option is named" 'unknown option "-d"' "$T/err"
"$MORGUE" parse "$T/site/a.txt" --md >"$T/md2"
check_eq "--md after the file: exit 0" $? 0
check_grep "--md after the file: a Markdown page" '^---$' "$T/md2"

"$MORGUE" log -C 2>"$T/err"
check_eq "-C without its value: exit 2" $? 2
check_grep "-C without its value: said" 'needs a value' "$T/err"
"$MORGUE" parse 2>"$T/err"
check_eq "parse without a file: exit 2" $? 2
check_grep "parse without a file: the usage line" '^usage: morgue parse' \
    "$T/err"
"$MORGUE" log -C "$T/site" a b 2>"$T/err"
check_eq "log with two articles: exit 2" $? 2
check_grep "the extra argument is named" 'unexpected argument "b"' "$T/err"

# }====

# {==== --help from the table that parses

"$MORGUE" --help | sed -n '/^commands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p' \
    >"$T/cmds"
check "morgue --help lists commands" test -s "$T/cmds"
while read -r cmd; do
	"$MORGUE" "$cmd" --help >"$T/h" 2>&1
	check_eq "$cmd --help: exit 0" $? 0
	"$MORGUE" "$cmd" -h >"$T/h2" 2>&1
	check_eq "$cmd -h is --help" "$(cmp -s "$T/h" "$T/h2" && echo same)" \
	    same
	sed -n '1s/^usage: morgue [a-z-]* //p' "$T/h" |
	    grep -oE '(^|[][ |])--?[A-Za-z][A-Za-z-]*' | tr -d '[] |' |
	    sort -u >"$T/opts"
	while read -r opt; do
		check_grep "$cmd --help explains $opt" "^  $opt([ ,]|\$)" "$T/h"
	done <"$T/opts"
	"$MORGUE" "$cmd" --no-such-option >/dev/null 2>"$T/err"
	check_eq "$cmd --no-such-option: exit 2" $? 2
done <"$T/cmds"

# }====

finish
