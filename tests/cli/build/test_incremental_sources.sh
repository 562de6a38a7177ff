#!/bin/sh
# test_incremental_sources.sh: a page kept by the key of its sources
# (an article's page: its card, the cards of its relations, its
# revisions, the templates, site.conf) is made again whenever one of
# them changes. Two copies of one project take the same edits; after
# each, one builds with its cache and the other with --full, and their
# output directories must be the same. Each edit changes what some
# other article's page shows, not only the edited article's own.
. tests/lib.sh

mkdir -p "$T/a/content"
cp "$TOP/site.conf" "$T/a/"
cp -R "$TOP/lua" "$TOP/templates" "$T/a/"

# art NAME OUTLET TITLE DAY BODY: an article about the harbour strike
# in Vellmar, so that they relate to one another.
art() {
	printf '%s\n%s\nBy Mara Tenn\n%s March 2025\n\n%s\n\n%s\n' "$2" "$3" \
	    "$4" "$5" "Anna Korvel of the Vellmar dockers union said the harbour strike would go on until Piet Lusk met the union." \
	    >"$T/a/content/$1"
}

art a.txt "The Valley Courier" "Vellmar harbour strike delayed" 3 \
    "Vellmar - The harbour strike in Vellmar was delayed by a week after the council asked for more time to study the wage offer."
art b.txt "Morning Ledger" "Dunholt dockers back harbour strike" 5 \
    "Dunholt - Dockers in Dunholt voted on Tuesday to back the Vellmar harbour strike, closing a second port on the coast."
art c.txt "Harbour Post" "Harbour council meets on the strike" 8 \
    "Vellmar - The harbour council met behind closed doors on Saturday as ferries and freight waited off the coast."
art d.txt "Morning Ledger" "Strike talks resume in Vellmar" 12 \
    "Vellmar - Talks to end the harbour strike resumed at the town hall, with the mayor chairing the first meeting in a month."

sync() {
	rm -rf "$T/b/content" "$T/b/lua" "$T/b/templates" "$T/b/site.conf"
	mkdir -p "$T/b"
	cp -R "$T/a/content" "$T/a/lua" "$T/a/templates" "$T/a/site.conf" "$T/b/"
}

# same WHAT: a builds with its cache, b in full; the outputs must match.
step=0
same() {
	step=$((step + 1))
	sync
	SOURCE_DATE_EPOCH=$((1750000000 + step * 3600)) "$MORGUE" build \
	    -C "$T/a" -q >"$T/a.out" 2>&1
	SOURCE_DATE_EPOCH=$((1750000000 + step * 3600)) "$MORGUE" build \
	    -C "$T/b" --full -q >"$T/b.out" 2>&1
	if diff -r "$T/a/public" "$T/b/public" >"$T/diff" 2>&1; then
		ok "$1: incremental output equals --full"
	else
		fail "$1: incremental output differs from --full" \
		    "$(head -5 "$T/diff")"
	fi
}

same "first build"
page=$(find "$T/a/public/articles" -path '*vellmar-harbour-strike*' \
    -name index.html | head -1)
check "an article's page lists another as related" \
    grep -q "Dunholt dockers back harbour strike" "$page"

sed -i 's/^Dunholt dockers back harbour strike$/Dunholt dockers vote to join strike/' \
    "$T/a/content/b.txt"
same "a related article's title corrected"
check "and the page shows the new title" \
    grep -q "Dunholt dockers vote to join strike" "$page"

sed -i 's/^By Mara Tenn$/By Oskar Vell/; s/delayed/called off/' \
    "$T/a/content/c.txt"
same "a related article's byline and summary corrected"

sed -i 's/^Harbour Post$/The Valley Courier/' "$T/a/content/c.txt"
same "a related article's outlet changed"

sed -i 's/dockers back/dockers now back/' "$T/a/content/a.txt"
same "the article itself corrected (a revision more)"

art e.txt "Harbour Post" "Vellmar strike ends" 20 \
    "Vellmar - The harbour strike ended on Thursday when dockers accepted a new wage offer from the council."
same "an article added"

rm "$T/a/content/d.txt"
same "an article deleted"

mv "$T/a/content/e.txt" "$T/a/content/e-renamed.txt"
same "an article renamed"

printf 'person "Anna Korvel" { "Korvel" }\nperson "Piet Lusk" { "P. Lusk" }\n' \
    >>"$T/a/lua/aliases.lua"
same "a rule changed"

sed -i 's/<article/<article data-v="2"/' "$T/a/templates/article.mustache"
same "the article template changed"

printf '<span class="related-card">{{title}}</span>\n' \
    >>"$T/a/templates/card.mustache"
same "a partial of the article page changed"

sed -i 's/^title *=.*$/title = "Harbour Archive"/' "$T/a/site.conf"
same "site.conf's title changed"

# No template shows base_url, but each article's JSON-LD holds its URL.
sed -i 's|^base_url *=.*$|base_url = "https://archive.example/"|' \
    "$T/a/site.conf"
same "site.conf's base_url changed"
check "and the article pages have the new URL" \
    grep -q 'https://archive.example/articles/' "$page"

finish
