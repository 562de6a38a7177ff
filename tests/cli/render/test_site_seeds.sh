#!/bin/sh
# test_site_seeds.sh: what a reader sees of copies, related stories and
# threads on the article pages, with the seed articles of $SHARED added to
# the example site. Each page's "Also published by" names the outlet of
# every copy that articles.json lists and links to it; each related story
# is a link with a reason; a thread link points at an article of the site
# in date order. Skips when $SHARED is absent.
. tests/lib.sh

if ! need_shared || [ ! -d "$SHARED/corpus/seeds" ]; then
	skip "the seed articles (\$SHARED/corpus/seeds) are absent"
	finish
	exit
fi

site="$T/site"
mkdir -p "$site"
cp -R site.conf content lua templates "$site/"
cp "$SHARED"/corpus/seeds/*.txt "$site/content/"
(cd "$site" && "$MORGUE" build --no-commit) >"$T/out" 2>"$T/err"
check_eq "example site and seeds build" "$?" 0
pub="$site/public"
if [ ! -f "$pub/articles.json" ]; then
	fail "articles.json" "not written: $(tail -3 "$T/err")"
	finish
	exit
fi

python3 - "$pub" >"$T/check" 2>&1 <<'PY'
import html.parser, json, os, posixpath, sys

pub = sys.argv[1]
arts = json.load(open(os.path.join(pub, "articles.json"), encoding="utf-8"))
by_link = {a["permalink"]: a for a in arts}


class Sections(html.parser.HTMLParser):
    """The links of each <section>/<nav> of the aside, by its heading."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.heading = None
        self.in_h2 = False
        self.link = None        # the last link of the section
        self.in_a = False
        self.span = None
        self.items = {}         # heading -> [(href, text, reason)]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2":
            self.in_h2, self.heading = True, ""
        elif tag == "a" and self.heading:
            self.link = [a.get("href", ""), "", ""]
            self.in_a = True
            self.items.setdefault(self.heading, []).append(self.link)
        elif tag == "span" and a.get("class") == "reason" and self.link:
            self.span = self.link

    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_h2 = False
        elif tag == "a":
            self.in_a = False
        elif tag == "span":
            self.span = None
        elif tag in ("section", "nav"):
            self.heading = self.link = None

    def handle_data(self, data):
        if self.in_h2:
            self.heading += data
        elif self.span is not None:
            self.span[2] += data
        elif self.in_a and self.heading:
            self.link[1] += data


def target(page, href):
    """The permalink an href of page points at."""
    d = posixpath.dirname(page)
    p = posixpath.normpath(posixpath.join(d, href))
    assert p.endswith("/index.html"), href
    return p[:-len("index.html")]


problems, copies, related, threads = [], 0, 0, 0
for a in arts:
    page = a["permalink"] + "index.html"
    s = Sections()
    s.feed(open(os.path.join(pub, page), encoding="utf-8").read())
    got = [(target(page, h), t.strip()) for h, t, _ in
           s.items.get("Also published by", [])]
    want = []
    for link in a.get("syndicated") or []:
        c = by_link[link]
        want.append((link, c.get("source") or c.get("agency") or c["title"]))
    if sorted(got) != sorted(want):
        problems.append("%s: copies %r, want %r" % (page, got, want))
    copies += len(got)
    rel = s.items.get("Related stories", [])
    if [target(page, h) for h, _, _ in rel] != (a.get("related") or []):
        problems.append("%s: related links differ from articles.json" % page)
    for h, t, reason in rel:
        if not reason.strip():
            problems.append("%s: related %s without a reason" % (page, t))
        if target(page, h) == a["permalink"]:
            problems.append("%s lists itself" % page)
    related += len(rel)
    for h, t, _ in s.items.get("Follow the story", []):
        other = by_link.get(target(page, h))
        if other is None or other["title"] != t.strip():
            problems.append("%s: thread link %s" % (page, h))
        threads += 1
print("\n".join(problems[:10]))
print("counts %d %d %d" % (copies, related, threads))
PY
if grep -qE '^(articles|Traceback|  File)' "$T/check"; then
	fail "copies, related and thread links match articles.json" \
	    "$(head -5 "$T/check")"
else
	ok "copies, related and thread links match articles.json"
fi
set -- $(sed -n 's/^counts //p' "$T/check")
echo "note: ${1:-0} copies, ${2:-0} related stories, ${3:-0} thread links shown"
check "seeds 000 and 001 show each other as copies" [ "${1:-0}" -ge 2 ]
check "related stories shown" [ "${2:-0}" -ge 5 ]

# Seed 000 names its copy by the agency, or the outlet, that carried it.
p0=$(python3 -c 'import json,sys
for a in json.load(open(sys.argv[1])):
    if a["path"].startswith("000_"): print(a["permalink"])' "$pub/articles.json")
check_grep "seed 000 says also published by" '<h2 id="copies-h">Also published by</h2>' \
    "$pub/${p0}index.html"
check_grep "the copy's link ends in index.html" \
    'class="links copies">' "$pub/${p0}index.html"
check_grep "a reason a reader can see" 'class="reason">(same [A-Za-z]+ story|also about: )' \
    "$pub/${p0}index.html"

finish
