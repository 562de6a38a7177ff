#!/bin/sh
# test_links.sh: the example site, built with `morgue build`, links only
# relatively: every href and src of every page resolves to a file of the
# site (a directory to its index.html), none is root-relative, and the
# pages every site has (home, feed, sitemap, articles.json, search, tags,
# archive, sources, assets) are there. The same holds for the site moved
# under a sub-path.
. tests/lib.sh

if ! "$MORGUE" build --help >/dev/null 2>&1; then
	skip "morgue build is not there yet"
	finish
	exit
fi

site="$T/site"
mkdir -p "$site"
cp -R site.conf content lua templates "$site/" 2>/dev/null
(cd "$site" && "$MORGUE" build --no-commit) >"$T/out" 2>"$T/err"
check_eq "example site builds" "$?" 0
pub="$site/public"
if [ ! -f "$pub/index.html" ] || [ -L "$pub/index.html" ]; then
	fail "site rendered" "no public/index.html"
	finish
	exit
fi

for f in index.html feed.xml sitemap.xml articles.json search/index.html \
    search/index.js tags/index.html archive/index.html assets/site.css \
    assets/search.js sources/index.html; do
	check "has $f" [ -f "$pub/$f" ]
done
# Every tag of articles.json is listed on its kind's index page.
python3 - "$pub" >"$T/kinds" <<'PY'
import html, json, os, sys
pub = sys.argv[1]
for a in json.load(open(os.path.join(pub, "articles.json"), encoding="utf-8")):
    for kind in ("people", "places", "organisations", "topics"):
        for name in a.get(kind) or []:
            page = os.path.join(pub, kind, "index.html")
            if not os.path.isfile(page):
                print("no %s/index.html" % kind)
            elif html.escape(name, quote=True) not in open(page, encoding="utf-8").read():
                print("%r not on %s/index.html" % (name, kind))
PY
check_eq "every tag on its kind's page" "$(sort -u "$T/kinds" | head -5)" ""
n=$(find "$pub/articles" -name index.html | wc -l)
check_eq "one page per article" "$n" "$(ls content/*.txt content/*.md 2>/dev/null | wc -l)"
check "archive by month" [ -n "$(find "$pub/archive" -path '*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html')" ]

python3 tests/site_check.py links "$pub" >"$T/links"
if [ $? -eq 0 ]; then ok "every relative link resolves"
else fail "links" "$(head -5 "$T/links")"; fi
grep -rhoE '(href|src|action)="/[^"]*"' "$pub" --include=*.html >"$T/rootrel"
check_eq "no root-relative link" "$(cat "$T/rootrel")" ""

# Moved under a sub-path, the site still resolves.
mkdir -p "$T/www/deep/sub"
cp -R "$pub" "$T/www/deep/sub/site"
python3 tests/site_check.py links "$T/www/deep/sub/site" >"$T/links2"
check "links resolve under a sub-path" [ $? -eq 0 ]

# Absolute URLs only where they must be, built from base_url.
base=$(sed -n 's/^base_url *= *"\(.*\)".*/\1/p' "$site/site.conf")
[ -n "$base" ] || base="http://localhost/"
check_grep "feed ids from base_url" "<id>${base%/}/" "$pub/feed.xml"
check_grep "sitemap from base_url" "<loc>${base%/}/articles/" "$pub/sitemap.xml"
check "feed is well-formed" xmllint --noout "$pub/feed.xml"
check "sitemap is well-formed" xmllint --noout "$pub/sitemap.xml"
grep -rlE "href=\"${base%/}" "$pub" --include=*.html >"$T/abs"
check_eq "no page links to base_url" "$(cat "$T/abs")" ""

# Atom with its required elements, a feed per term, the sitemaps protocol;
# accessible markup, nothing fetched from the network, the JSON-LD.
site_check() {	# NAME MODE ARGS...
	name=$1
	shift
	if python3 tests/site_check.py "$@" >"$T/check" 2>&1; then
		ok "$name"
	else
		fail "$name" "$(head -5 "$T/check")"
	fi
}
site_check "feeds are Atom, a feed per term, sitemap per protocol" \
    feeds "$pub" "${base%/}/"
site_check "accessible markup, no network fetch, NewsArticle JSON-LD" \
    pages "$pub"

# A base_url with a sub-path: feeds and sitemap still name real pages.
sed -i 's|^base_url.*||' "$site/site.conf"
printf 'base_url = "https://example.org/a/b"\n' >>"$site/site.conf"
(cd "$site" && "$MORGUE" build --no-commit) >/dev/null 2>&1
site_check "sub-path base_url: feeds and sitemap" \
    feeds "$pub" "https://example.org/a/b/"

finish
