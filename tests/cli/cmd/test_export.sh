#!/bin/sh
# test_export.sh: `morgue export hugo`: Debian's hugo builds the project
# with no error or warning, and its pages keep the archive's titles,
# dates, people, related stories and permalinks, with no broken link.
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

if command -v hugo >/dev/null; then
	(cd "$T/out" && hugo --quiet=false) >"$T/hugo.out" 2>&1
	check_eq "hugo builds the export" $? 0
	check_nogrep "with no error" 'ERROR|Error' "$T/hugo.out"
	check_nogrep "and no warning" 'WARN' "$T/hugo.out"
	python3 - "$T/blog/public/articles.json" "$T/out/public" \
	    >"$T/check" 2>&1 <<'PY'
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
# No internal link of the Hugo site leads nowhere.
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
	check_eq "hugo's pages keep titles, dates, people, related, links" \
	    "$(head -5 "$T/check")" ""
else
	skip "hugo is not installed: the export is not built"
fi

"$MORGUE" export hugo -C "$T/blog" "$T/out" 2>"$T/again.err"
check_eq "a non-empty OUT is refused" $? 3
check_grep "and says so" 'not empty' "$T/again.err"
"$MORGUE" export gatsby -C "$T/blog" "$T/o2" 2>/dev/null
check_eq "an unknown format is a usage error" $? 2
"$MORGUE" export --help >"$T/help"
check_eq "export --help exits 0" $? 0
finish
