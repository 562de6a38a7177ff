#!/bin/sh
# test_export.sh: `morgue export hugo|jekyll`: Debian's hugo and jekyll
# build the projects with no error or warning, and their pages keep the
# archive's titles, dates, people, related stories and permalinks, with
# no broken link.
. tests/lib.sh

"$MORGUE" new "$T/blog" 2>/dev/null
cp "$TOP"/content/*.txt "$T/blog/content/"
"$MORGUE" build -C "$T/blog" --no-commit 2>/dev/null
check_eq "the site builds" $? 0

"$MORGUE" export hugo -C "$T/blog" "$T/out" 2>"$T/export.err"
check_eq "morgue export hugo exits 0" $? 0
check "a hugo.toml" test -f "$T/out/hugo.toml"
check_grep "a taxonomy for people" '^ *"people" = "people"' "$T/out/hugo.toml"
check "a theme of layouts" test -f "$T/out/layouts/_default/single.html"
check "the export left the site's own directory alone" \
    test ! -e "$T/blog/hugo.toml"

# Every article's page, at its permalink, with source_url and not url.
python3 - "$T/blog/public/articles.json" "$T/out/content" >"$T/pages" 2>&1 <<'PY'
import json, os, sys
arts = json.load(open(sys.argv[1]))
for a in arts:
    p = os.path.join(sys.argv[2], a["permalink"], "index.md")
    if not os.path.isfile(p):
        print("missing", p)
        continue
    fm = open(p, encoding="utf-8").read().split("\n---\n")[0]
    if "\nurl:" in fm:
        print("url key in", p)
    if a.get("source_url") and "\nsource_url:" not in fm:
        print("no source_url in", p)
print(len(arts), "articles")
PY
check_eq "each article's page is at its permalink" "$(cat "$T/pages")" \
    "$(ls "$T/blog/content"/*.txt | wc -l) articles"

# keeps NAME PUBLIC: the built pages of a generator keep each article's
# title, date, people and related stories at its permalink, and no
# internal link leads nowhere.
keeps() {
	python3 - "$T/blog/public/articles.json" "$2" >"$T/check" 2>&1 <<'PY'
import html, json, os, re, sys, urllib.parse
arts, pub = json.load(open(sys.argv[1])), sys.argv[2]
for a in arts:
    p = os.path.join(pub, a["permalink"], "index.html")
    if not os.path.isfile(p):
        print("no page", a["permalink"])
        continue
    s = html.unescape(open(p, encoding="utf-8").read())
    if "<h1>%s</h1>" % a["title"] not in s:
        print("title lost", a["permalink"])
    if a["date"] and a["date"] not in s:
        print("date lost", a["permalink"])
    for name in a["people"]:
        if not re.search(r'<a href="[^"]*/people/[^"]*">%s</a>' %
                         re.escape(name), s):
            print("person lost", name, a["permalink"])
    for r in a["related"]:
        if 'href="/%s"' % r not in s:
            print("related lost", r, a["permalink"])
# No internal link of the site leads nowhere.
for root, _, files in os.walk(pub):
    for f in files:
        if not f.endswith(".html"):
            continue
        page = os.path.join(root, f)
        for h in re.findall(r'href="([^"#]+)', open(page).read()):
            if h.startswith("http://localhost/"):
                h = "/" + h[len("http://localhost/"):]
            elif re.match(r"[a-z]+:", h):
                continue
            h = urllib.parse.unquote(h)
            t = os.path.normpath(pub + h if h.startswith("/")
                                 else os.path.join(root, h))
            if os.path.isdir(t):
                t = os.path.join(t, "index.html")
            if not os.path.exists(t):
                print("broken link", h, "in", page[len(pub):])
PY
	check_eq "$1's pages keep titles, dates, people, related, links" \
	    "$(head -5 "$T/check")" ""
}

if command -v hugo >/dev/null; then
	(cd "$T/out" && hugo) >"$T/hugo.out" 2>&1
	check_eq "hugo builds the export" $? 0
	check_nogrep "with no error" 'ERROR|Error' "$T/hugo.out"
	check_nogrep "and no warning" 'WARN' "$T/hugo.out"
	keeps hugo "$T/out/public"
else
	skip "hugo is not installed: the Hugo export is not built"
fi

# Jekyll: the same pages, a page per kind and term at morgue's paths,
# and an article's "{{" is text, not Liquid.
printf 'Braces {{ site.title }} in a headline\nBy Ada Quill\n2 May 2025\nA line with {%% raw %%} and {{ page.url }} in it, kept as it is.\n' \
    >"$T/blog/content/braces.txt"
"$MORGUE" build -C "$T/blog" --no-commit 2>/dev/null
"$MORGUE" export jekyll -C "$T/blog" "$T/jk" 2>"$T/jk.err"
check_eq "morgue export jekyll exits 0" $? 0
check "a _config.yml" test -f "$T/jk/_config.yml"
check "a page per tag kind at morgue's path" \
    test -f "$T/jk/people/index.html"
if command -v jekyll >/dev/null; then
	(cd "$T/jk" && jekyll build) >"$T/jekyll.out" 2>&1
	check_eq "jekyll builds the export" $? 0
	check_nogrep "with no error or warning" 'rror|arning|Deprecation' \
	    "$T/jekyll.out"
	keeps jekyll "$T/jk/_site"
	check_grep "an article's braces stay text" \
	    '\{\{ page\.url \}\}' "$(find "$T/jk/_site" -path '*braces-site*' -name index.html)"
else
	skip "jekyll is not installed: the Jekyll export is not built"
fi

# A tag kind named like a reserved key: on the HTML pages, out of the
# front matter and articles.json, and said once, at the rule.
"$MORGUE" new "$T/kinds" 2>/dev/null
printf 'function article(a)\n  a:tag("layout", "wide")\n  a:tag("harbours", "Tollen quay")\nend\n' \
    >"$T/kinds/lua/kinds.lua"
printf 'rules = { "lua/aliases.lua", "lua/tags.lua", "lua/links.lua", "lua/kinds.lua" }\n' \
    >>"$T/kinds/site.conf"
"$MORGUE" build -C "$T/kinds" --no-commit 2>"$T/kinds.err"
check_eq "a reserved tag kind builds" $? 0
check_eq "with one warning at the rule" \
    "$(grep -c 'warning: tag kind "layout"' "$T/kinds.err")" 1
check_grep "naming its file:line" '^lua/kinds.lua:2: warning: tag kind "layout"' \
    "$T/kinds.err"
check_nogrep "a kind of its own is no warning" '"harbours"' "$T/kinds.err"
md=$(find "$T/kinds/public/articles" -name index.md | head -1)
check_nogrep "the reserved kind is not in the front matter" '^layout:' "$md"
check_grep "a kind of its own is" '^harbours:' "$md"
check_grep "the reserved kind's tag is on the HTML page" 'wide' \
    "${md%.md}.html"
"$MORGUE" export hugo -C "$T/kinds" "$T/kh" 2>"$T/kh.err"
check_grep "export says it too" 'warning: tag kind "layout"' "$T/kh.err"
if command -v hugo >/dev/null; then
	(cd "$T/kh" && hugo) >"$T/kh.out" 2>&1
	check_eq "hugo builds the export with a reserved kind" $? 0
	check_nogrep "with no error or warning" 'ERROR|Error|WARN' "$T/kh.out"
fi

"$MORGUE" export hugo -C "$T/blog" "$T/out" 2>"$T/again.err"
check_eq "a non-empty OUT is refused" $? 3
check_grep "and says so" 'not empty' "$T/again.err"
"$MORGUE" export gatsby -C "$T/blog" "$T/o2" 2>/dev/null
check_eq "an unknown format is a usage error" $? 2
"$MORGUE" export --help >"$T/help"
check_eq "export --help exits 0" $? 0
finish
