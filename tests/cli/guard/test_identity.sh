#!/bin/sh
# test_identity.sh: an article's identity is its source file, not its URL.
# A retracted article's text never comes back as the "revision 1" of a
# different article that happens to get the same title and date, whether
# the new one arrives in the build that removes the old one or later.
. tests/lib.sh

site() {
	rm -rf "$1"
	mkdir -p "$1/content"
	cp -R "$TOP/lua" "$TOP/templates" "$1/"
	echo 'title = "Identity"' >"$1/site.conf"
}

# story FILE SENTENCE: an article titled "Council votes on the bridge".
story() {
	printf 'Council votes on the bridge\n\nBy Ada Quill\n\nPORTVALE, 3 March 2024 - %s The vote on the new bridge was held on Tuesday evening after a long debate in the chamber.\n\nThe council will publish the minutes next week.\n' \
	    "$2" >"$1"
}

build() {
	(cd "$1" && SOURCE_DATE_EPOCH=$2 timeout 60 "$MORGUE" build -q) \
	    >/dev/null 2>>"$T/err"
}

for how in same-build later-build; do
	s="$T/$how"
	site "$s"
	story "$s/content/first.txt" "The treasurer Quentin Vale took bribes from the builder."
	build "$s" 1700000000
	old=$(find "$s/public/articles" -name index.html | head -1)
	check "$how: the first article is built" test -n "$old"
	rm "$s/content/first.txt"
	if [ "$how" = later-build ]; then
		build "$s" 1700100000
		check "$how: the removal is built" \
		    test -z "$(find "$s/public/articles" -name index.html \
		    2>/dev/null)"
	fi
	story "$s/content/second.txt" "The treasurer presented the budget."
	build "$s" 1700200000
	build "$s" 1700300000	# a rebuild must not bring it back either
	page=$(find "$s/public/articles" -name index.html | head -1)
	check "$how: the new article is built" test -n "$page"
	check_nogrep "$how: the retracted text is not on its page" \
	    "bribes|Quentin" "$page"
	md=$(dirname "$page")/index.md
	check_nogrep "$how: nor in its Markdown" "bribes|Quentin" "$md"
	check_eq "$how: nor anywhere in the site" \
	    "$(grep -rl bribes "$s/public")" ""
	check_nogrep "$how: it is not shown as corrected" \
	    '<del>|<ins>|[Cc]orrected' "$page"
done
check_grep "the same-build case says which page it avoided" \
    "second.txt: warning: .* was a removed article's page" "$T/err"

# A file name that is not UTF-8 keeps one identity: its bytes escaped,
# not U+FFFD, so that a title fix keeps its URL and its revisions.
s="$T/latin1"
site "$s"
name=$(printf 'caf\351.txt')
story "$s/content/$name" "The treasurer presented the budget."
build "$s" 1700000000
python3 - "$s/public/articles.json" >"$T/paths" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1], encoding="utf-8")):
    print(a["path"], a["permalink"])
PY
check_grep "articles.json names it with the byte escaped" \
    '^caf\\xE9\.txt articles/' "$T/paths"
before=$(cut -d' ' -f2 "$T/paths")
sed 's/Council votes on the bridge/Council votes on the new bridge/' \
    "$s/content/$name" >"$T/x" && cp "$T/x" "$s/content/$name"
build "$s" 1700100000
python3 - "$s/public/articles.json" >"$T/paths" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1], encoding="utf-8")):
    print(a["path"], a["permalink"])
PY
check_eq "a title fix keeps its permalink" "$(cut -d' ' -f2 "$T/paths")" \
    "$before"
check_grep "and shows the correction as a revision" '<del>|<ins>' \
    "$s/public/${before}index.html"

finish
