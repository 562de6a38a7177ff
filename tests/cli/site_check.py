#!/usr/bin/env python3
"""site_check.py: oracles over a built site, for the CLI tests.

  site_check.py links DIR
      every relative href/src of every HTML page resolves to a file under
      DIR (a directory to its index.html); no link is root-relative or
      protocol-relative.
  site_check.py hostile DIR [TITLE...]
      HOSTILE rows 28-36: the <script> elements of each page are those of
      its template, no on* attribute anywhere, every href/src has an
      allowed scheme, every JSON-LD block parses as JSON and holds no
      "</script" or "<!--", and each TITLE reads back as the text of some
      page's <title> and <h1>.

Prints one line per problem and exits 1 if there was any.
"""
import html.parser
import json
import os
import re
import sys
import urllib.parse

ALLOWED = re.compile(r"^(https?:|mailto:|data:image/(png|gif|jpeg|webp)[;,])",
                     re.I)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []         # (tag, attr, value)
        self.on_attrs = []
        self.scripts = []       # (attrs, text)
        self.texts = {"title": "", "h1": ""}
        self._in = None
        self._script = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.on_attrs.append((tag, name))
            if name in ("href", "src", "action", "formaction", "poster",
                        "srcset", "data"):
                self.links.append((tag, name, value or ""))
        if tag == "script":
            self._script = (dict(attrs), [])
        if tag in self.texts:
            self._in = tag

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
        elif self._in:
            self.texts[self._in] += data


def pages(top):
    for d, dirs, files in os.walk(top):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".html"):
                yield os.path.join(d, f)


def parse(path):
    p = Page()
    with open(path, encoding="utf-8", errors="strict") as f:
        p.feed(f.read())
    p.close()
    return p


def links(top):
    bad = []
    n = 0
    for path in pages(top):
        for tag, attr, value in parse(path).links:
            if attr == "action":
                value = value.split("?")[0]
            n += 1
            where = "%s: <%s %s=%r>" % (os.path.relpath(path, top), tag,
                                        attr, value)
            if value.startswith("/"):
                bad.append(where + " is root-relative")
                continue
            if SCHEME.match(value):
                continue
            target = urllib.parse.unquote(value.split("#")[0].split("?")[0])
            if target == "":
                continue
            full = os.path.normpath(os.path.join(os.path.dirname(path),
                                                 target))
            if not (full + "/").startswith(os.path.abspath(top) + "/"):
                bad.append(where + " leaves the site")
            elif os.path.isdir(full):
                if not os.path.isfile(os.path.join(full, "index.html")):
                    bad.append(where + " is a directory without index.html")
            elif not os.path.isfile(full):
                bad.append(where + " does not resolve")
    return bad, n


def expected_scripts(rel):
    if rel.startswith("articles/"):
        return 1            # the JSON-LD block
    if rel == "search/index.html":
        return 1            # search.js, which loads the index itself
    return 0


def hostile(top, titles):
    bad = []
    seen = {t: False for t in titles}
    for path in pages(top):
        rel = os.path.relpath(path, top)
        p = parse(path)
        if len(p.scripts) != expected_scripts(rel):
            bad.append("%s: %d <script> elements, template has %d" %
                       (rel, len(p.scripts), expected_scripts(rel)))
        for tag, name in p.on_attrs:
            bad.append("%s: <%s %s=...>" % (rel, tag, name))
        for tag, attr, value in p.links:
            v = value.strip()
            if SCHEME.match(v) and not ALLOWED.match(v):
                bad.append("%s: <%s %s=%r> has a forbidden scheme" %
                           (rel, tag, attr, value))
        for attrs, text in p.scripts:
            if attrs.get("type") == "application/ld+json":
                low = text.lower()
                if "</script" in low or "<!--" in low:
                    bad.append("%s: JSON-LD holds </script or <!--" % rel)
                try:
                    obj = json.loads(text)
                    if obj.get("@type") != "NewsArticle":
                        bad.append("%s: JSON-LD is not a NewsArticle" % rel)
                except ValueError as e:
                    bad.append("%s: JSON-LD does not parse: %s" % (rel, e))
            elif "src" not in attrs:
                bad.append("%s: inline script %r" % (rel, text[:60]))
        for t in titles:
            if t in p.texts["title"] and t in p.texts["h1"]:
                seen[t] = True
    for t, ok in seen.items():
        if not ok:
            bad.append("title %r is not the text of any <title> and <h1>" % t)
    return bad


def main(argv):
    if len(argv) < 3 or argv[1] not in ("links", "hostile"):
        sys.stderr.write(__doc__)
        return 2
    if argv[1] == "links":
        bad, n = links(argv[2])
        if n == 0:
            bad.append("no links found at all")
    else:
        bad = hostile(argv[2], argv[3:])
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
