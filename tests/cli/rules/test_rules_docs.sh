#!/bin/sh
# test_rules_docs.sh: every example of docs/rules.md works as the page
# says. Each ```lua block is a rule file, loaded and run on an example
# article with nothing to report; a block whose first line names
# lua/tests/ is a rule test, run by `morgue test-rules` with the default
# rules. Then the manual page morgue-rules(7) passes mandoc's lint.
. tests/lib.sh

S=$T/site
mkdir -p "$S/lua/tests" "$S/content"
cp lua/*.lua "$S/lua/"
cp site.conf "$S/"     # its rules: the defaults and the example site's own
cp content/07-peace-talks-herald.txt content/01-sarn-flood-warning.txt \
    "$S/content/"
awk -v dir="$S/lua" '
	/^```lua$/ { n++; inblock = 1; file = dir "/doc" n ".lua"; next }
	/^```/ { inblock = 0; next }
	inblock { print > file }
' docs/rules.md
nblocks=0
for f in "$S"/lua/doc*.lua; do
	[ -f "$f" ] || continue
	nblocks=$((nblocks + 1))
	b=$(basename "$f")
	if head -1 "$f" | grep -q '^-- lua/tests/'; then
		mv "$f" "$S/lua/tests/$b"
		continue
	fi
	(cd "$S" && "$MORGUE" explain -r "lua/$b" content/*.txt) \
	    >"$T/out" 2>"$T/err"
	check_eq "docs/rules.md block $b: explain exit 0" "$?" 0
	check_eq "docs/rules.md block $b: nothing reported" \
	    "$(cat "$T/err")" ""
done
check "docs/rules.md has examples" test "$nblocks" -ge 12
(cd "$S" && "$MORGUE" test-rules lua/tests/doc*.lua) >"$T/out" 2>&1
check_eq "docs/rules.md tests: exit 0" "$?" 0
check_grep "docs/rules.md tests: pass" '^[1-9][0-9]* passed, 0 failed$' \
    "$T/out"

# Every function of the API has a section with an example.
for fn in person place organisation topic tag kind names \
    link_first_mention related_weights rule 'a:tag' 'a:link' 'a:has' \
    'a:count' 'a:tags' 'morgue explain' 'morgue test-rules'; do
	check_grep "docs/rules.md: $fn" "^###? (.*[ ,])?$fn([ ,(:]|$)" \
	    docs/rules.md
done

if command -v mandoc >/dev/null; then
	mandoc -Tlint -W warning man/morgue-rules.7 >"$T/lint" 2>&1
	check_eq "morgue-rules.7: mandoc -Tlint clean" "$(cat "$T/lint")" ""
	mandoc -Tascii man/morgue-rules.7 2>&1 | sed "s/.\x08//g" >"$T/man"
	for w in person link_first_mention related_weights 'a:tag' \
	    'morgue explain' 'morgue test-rules' SOURCE_DATE_EPOCH; do
		check_grep "morgue-rules.7 mentions $w" "$w" "$T/man"
	done
else
	skip "mandoc is not installed"
fi
finish
