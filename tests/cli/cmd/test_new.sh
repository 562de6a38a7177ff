#!/bin/sh
# test_new.sh: `morgue new` and the built-in defaults: a new site builds
# at once; with its templates/ and lua/ gone it still builds every
# article with morgue's own; a project's file overrides its built-in
# twin alone; --templates and --rules copy out exactly what is built in.
. tests/lib.sh

# pages DIR: the permalinks of DIR/public/articles.json that have no
# index.html, then the number of articles.
pages() {
	python3 -c 'import json,os,sys
d=sys.argv[1]
a=json.load(open(d+"/articles.json"))
print(" ".join(o["permalink"] for o in a
    if not os.path.isfile(d+"/"+o["permalink"]+"index.html")) or "-", len(a))' "$1/public"
}

"$MORGUE" new "$T/blog" 2>"$T/new.err"
check_eq "morgue new exits 0" $? 0
check "a commented site.conf" grep -q '^-- ' "$T/blog/site.conf"
check_eq "two example articles" "$(ls "$T/blog/content" | grep -c '\.txt$')" 2
check "a commented example rule file" test -f "$T/blog/lua/example.lua"
check_eq "no templates are copied without --templates" \
    "$(ls -d "$T/blog/templates" 2>/dev/null)" ""
"$MORGUE" build -C "$T/blog" --no-commit 2>"$T/b0.err"
check_eq "the new site builds at once" $? 0
check_eq "its two articles have pages" "$(pages "$T/blog")" "- 2"
check "the site has its stylesheet" test -s "$T/blog/public/assets/site.css"
check_eq "without warnings" "$(cat "$T/b0.err")" ""

# The example archive's articles in a site with no templates or rules.
cp "$TOP"/content/*.txt "$T/blog/content/"
rm -rf "$T/blog/templates" "$T/blog/lua"
"$MORGUE" build -C "$T/blog" --no-commit 2>"$T/b1.err"
check_eq "built with the built-in templates and rules only" $? 0
n=$(ls "$T/blog/content" | grep -c '\.txt$')
check_eq "every article has its page" "$(pages "$T/blog")" "- $n"
check "the built-in rules tag people" \
    test -f "$T/blog/public/people/index.html"
check_grep "the built-in rules link first mentions" 'href="[./]*people/' \
    "$(find "$T/blog/public/articles" -name index.html | head -1)"

# An empty site.conf and content/ only.
mkdir -p "$T/bare/content"
: >"$T/bare/site.conf"
cp "$TOP"/content/0[1-3]*.txt "$T/bare/content/"
"$MORGUE" build -C "$T/bare" --no-commit 2>"$T/bare.err"
check_eq "an empty site.conf and content/ build" $? 0
check_eq "every article of the bare site has its page" \
    "$(pages "$T/bare")" "- 3"
for f in index.html feed.xml sitemap.xml search/index.html \
    assets/site.css assets/search.js; do
	check "the bare site has $f" test -s "$T/bare/public/$f"
done

# One file of the project's own overrides one built-in, the rest stay.
mkdir -p "$T/bare/templates/assets"
sed 's/<body>/<body class="own-layout">/' "$TOP/templates/layout.mustache" \
    >"$T/bare/templates/layout.mustache"
printf 'body { color: teal; }\n' >"$T/bare/templates/assets/site.css"
"$MORGUE" build -C "$T/bare" --no-commit 2>"$T/own.err"
check_eq "a site with one template of its own builds" $? 0
check_grep "its layout is used" 'class="own-layout"' \
    "$T/bare/public/index.html"
check_grep "its stylesheet replaces the built-in one" teal \
    "$T/bare/public/assets/site.css"
check "the built-in search script is still written" \
    cmp -s "$TOP/templates/assets/search.js" \
    "$T/bare/public/assets/search.js"
mkdir -p "$T/bare/lua"
printf 'topic "water" { "flood*" }\n' >"$T/bare/lua/tags.lua"
printf '%s\n\n%s\n' "Talks resume in Geneva" \
    "President Volodymyr Zelenskiy said on Monday that the talks would resume." \
    >"$T/bare/content/zz-alias.txt"
"$MORGUE" build -C "$T/bare" --no-commit 2>"$T/own2.err"
check "an own lua/tags.lua is used" \
    test -f "$T/bare/public/topics/water/index.html"
check "the built-in aliases still apply beside it" \
    test -f "$T/bare/public/people/volodymyr-zelensky/index.html"

# --templates and --rules copy out what is built in, byte for byte.
"$MORGUE" new --templates --rules "$T/full" 2>"$T/full.err"
check_eq "morgue new --templates --rules exits 0" $? 0
diff -r "$TOP/templates" "$T/full/templates" >"$T/tdiff" 2>&1
check_eq "the copied templates are the repository's" "$(head -3 "$T/tdiff")" ""
for f in "$TOP"/lua/*.lua; do
	check "lua/${f##*/} is copied as it is" cmp -s "$f" "$T/full/lua/${f##*/}"
done
check "the example rule file is there too" test -f "$T/full/lua/example.lua"
"$MORGUE" build -C "$T/full" --no-commit 2>"$T/full-b.err"
check_eq "the copied-out site builds" $? 0

# Refusals.
"$MORGUE" new "$T/blog" 2>"$T/again.err"
check_eq "a non-empty directory is refused with 2" $? 2
check_grep "and says so" 'not empty' "$T/again.err"
check "the refused directory is untouched" \
    test ! -e "$T/blog/lua/example.lua"
: >"$T/afile"
"$MORGUE" new "$T/afile" 2>"$T/file.err"
check_eq "a file in the way is an error" $? 3
"$MORGUE" new 2>/dev/null
check_eq "no directory is a usage error" $? 2
"$MORGUE" new --help >"$T/help"
check_eq "new --help exits 0" $? 0
check_grep "new --help names its options" '[-]-templates' "$T/help"
finish
