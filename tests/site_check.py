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
  site_check.py feeds DIR BASE
      every feed.xml is Atom (RFC 4287) with its required elements, every
      KIND/TERM/ page has its feed and links it, sitemap.xml follows the
      sitemaps protocol (a urlset, or an index of urlsets of at most
      50,000 URLs each), and every absolute URL starts with BASE and
      names a page of DIR.
  site_check.py pages DIR
      accessible markup (lang, one <main>, landmarks, one <h1>, no skipped
      heading level, alt text, labelled fields, links with text); nothing
      fetched from the network (no absolute src, stylesheet, font, CSS
      url() or script URL); the JSON-LD NewsArticle of each article page
      has headline, url, and typed authors and publisher.
  site_check.py search DIR
      the search index of DIR/search is whole: the stories of full blocks
      are in the sealed shards (w/), the newer ones, fewer than a block,
      in the delta shards (d/), each word in the shard its hash names,
      every story's postings in order, and every ASCII word of each
      story's title and text found, by the folding and stemming of
      search.js, in the postings of that story.

Prints one line per problem and exits 1 if there was any.
"""
import html.parser
import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

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


ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?"
                     r"(Z|[+-]\d\d:\d\d)$")
W3CDATE = re.compile(r"^\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d)?"
                     r"(\.\d+)?(Z|[+-]\d\d:\d\d))?)?)?$")


def page_of(top, base, url):
    """The file of DIR an absolute URL of the site names, or None."""
    if not url.startswith(base):
        return None
    rel = urllib.parse.unquote(url[len(base):].split("#")[0])
    full = os.path.join(top, rel)
    if rel == "" or rel.endswith("/"):
        full = os.path.join(full, "index.html")
    return full if os.path.isfile(full) else None


def atom(top, base, path, bad):
    rel = os.path.relpath(path, top)
    feed = ET.parse(path).getroot()
    if feed.tag != ATOM + "feed":
        bad.append("%s: root is %s, not an Atom feed" % (rel, feed.tag))
        return
    for name in ("id", "title", "updated"):
        if len(feed.findall(ATOM + name)) != 1:
            bad.append("%s: feed needs exactly one <%s>" % (rel, name))
    if not RFC3339.match(feed.findtext(ATOM + "updated") or ""):
        bad.append("%s: feed <updated> is not RFC 3339" % rel)
    selfs = [l for l in feed.findall(ATOM + "link") if l.get("rel") == "self"]
    if len(selfs) != 1 or page_of(top, base, selfs[0].get("href", "")) \
            != path:
        bad.append("%s: rel=self does not name this feed" % rel)
    feed_author = feed.find(ATOM + "author") is not None
    for i, e in enumerate(feed.findall(ATOM + "entry")):
        where = "%s: entry %d" % (rel, i + 1)
        for name in ("id", "title", "updated"):
            if len(e.findall(ATOM + name)) != 1:
                bad.append("%s needs exactly one <%s>" % (where, name))
        if not RFC3339.match(e.findtext(ATOM + "updated") or ""):
            bad.append("%s: <updated> is not RFC 3339" % where)
        if not feed_author and e.find(ATOM + "author") is None:
            bad.append("%s has no author and the feed has none" % where)
        for a in e.findall(ATOM + "author"):
            if not (a.findtext(ATOM + "name") or "").strip():
                bad.append("%s: <author> without a name" % where)
        alts = [l for l in e.findall(ATOM + "link")
                if l.get("rel", "alternate") == "alternate"]
        if not alts and e.find(ATOM + "content") is None:
            bad.append("%s has neither an alternate link nor content" % where)
        for l in alts:
            if page_of(top, base, l.get("href", "")) is None:
                bad.append("%s: link %r names no page" % (where, l.get("href")))


def sitemap(top, base, path, bad, depth=0):
    rel = os.path.relpath(path, top)
    if os.path.getsize(path) > 50 * 1024 * 1024:
        bad.append("%s: larger than 50 MB" % rel)
    root = ET.parse(path).getroot()
    if root.tag == SITEMAP + "sitemapindex" and depth == 0:
        maps = root.findall(SITEMAP + "sitemap")
        if not maps or len(maps) > 50000:
            bad.append("%s: %d sitemaps in the index" % (rel, len(maps)))
        n = 0
        for m in maps:
            f = page_of(top, base, m.findtext(SITEMAP + "loc") or "")
            if f is None:
                bad.append("%s: sitemap %r not found" %
                           (rel, m.findtext(SITEMAP + "loc")))
            else:
                n += sitemap(top, base, f, bad, 1)
        return n
    if root.tag != SITEMAP + "urlset":
        bad.append("%s: root is %s, not a urlset" % (rel, root.tag))
        return 0
    urls = root.findall(SITEMAP + "url")
    if not urls or len(urls) > 50000:
        bad.append("%s: %d URLs (1 to 50,000 allowed)" % (rel, len(urls)))
    for u in urls:
        loc = u.findtext(SITEMAP + "loc") or ""
        if len(loc) >= 2048 or page_of(top, base, loc) is None:
            bad.append("%s: <loc> %r names no page" % (rel, loc))
        lastmod = u.findtext(SITEMAP + "lastmod")
        if lastmod is not None and not W3CDATE.match(lastmod):
            bad.append("%s: <lastmod> %r is not a W3C date" % (rel, lastmod))
    return len(urls)


def feeds(top, base):
    bad = []
    nfeeds = 0
    for d, dirs, files in os.walk(top):
        dirs.sort()
        rel = os.path.relpath(d, top)
        if "feed.xml" in files:
            nfeeds += 1
            atom(top, base, os.path.join(d, "feed.xml"), bad)
        # KIND/TERM/ (not page/N/ of it): a page, its feed and its link.
        parts = rel.split(os.sep)
        if len(parts) == 2 and parts[0] not in ("articles", "archive",
                                                 "search", "page", "assets"):
            page = os.path.join(d, "index.html")
            if "feed.xml" not in files:
                bad.append("%s/ has no feed.xml" % rel)
            elif 'type="application/atom+xml" title=' not in \
                    open(page, encoding="utf-8").read() or \
                    'href="../../%s/feed.xml"' % "/".join(parts) not in \
                    open(page, encoding="utf-8").read():
                bad.append("%s/index.html does not link its feed" % rel)
    if nfeeds < 2:
        bad.append("only %d feeds" % nfeeds)
    n = sitemap(top, base, os.path.join(top, "sitemap.xml"), bad)
    listed = n
    arts = sum(1 for d, _, f in os.walk(os.path.join(top, "articles"))
               if "index.html" in f)
    if listed < arts:
        bad.append("sitemap lists %d URLs, fewer than %d articles" %
                   (listed, arts))
    return bad


class Structure(html.parser.HTMLParser):
    """What the accessibility and network checks look at."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.tags = {}
        self.headings = []
        self.problems = []
        self.labels = set()
        self.fields = []
        self.link = None        # [attrs, text] of the open <a>
        self.fetches = []
        self.ld = None
        self.lds = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "html":
            self.lang = a.get("lang")
        if re.match(r"^h[1-6]$", tag):
            self.headings.append(int(tag[1]))
        if tag == "img" and a.get("alt") is None:
            self.problems.append("<img> without alt")
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea") and \
                a.get("type") not in ("hidden", "submit", "button"):
            self.fields.append(a.get("id") or "")
        if tag == "a":
            self.link = [a, ""]
        for attr in ("src", "poster", "srcset"):
            if re.match(r"^\s*(https?:)?//", a.get(attr) or "", re.I):
                self.fetches.append("<%s %s=%r>" % (tag, attr, a[attr]))
        if tag == "link" and re.match(r"^\s*(https?:)?//", a.get("href") or "",
                                      re.I) and a.get("rel") != "alternate":
            self.fetches.append("<link rel=%r href=%r>" %
                                (a.get("rel"), a["href"]))
        if tag == "script" and a.get("type") == "application/ld+json":
            self.ld = []

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            if not self.link[1].strip() and not self.link[0].get("aria-label"):
                self.problems.append("link %r without text" %
                                     self.link[0].get("href"))
            self.link = None
        if tag == "script" and self.ld is not None:
            self.lds.append("".join(self.ld))
            self.ld = None

    def handle_data(self, data):
        if self.link is not None:
            self.link[1] += data
        if self.ld is not None:
            self.ld.append(data)


def pages_check(top):
    bad = []
    for path in pages(top):
        rel = os.path.relpath(path, top)
        p = Structure()
        p.feed(open(path, encoding="utf-8").read())
        p.close()
        probs = list(p.problems)
        if not (p.lang or "").strip():
            probs.append("<html> without lang")
        for tag in ("main", "h1"):
            if p.tags.get(tag, 0) != 1:
                probs.append("%d <%s> elements" % (p.tags.get(tag, 0), tag))
        for tag in ("header", "nav", "footer", "title"):
            if p.tags.get(tag, 0) < 1:
                probs.append("no <%s>" % tag)
        if p.headings[:1] != [1]:
            probs.append("the first heading is not <h1>")
        for a, b in zip(p.headings, p.headings[1:]):
            if b > a + 1:
                probs.append("heading level skips from h%d to h%d" % (a, b))
                break
        for f in p.fields:
            if f not in p.labels:
                probs.append("field %r without a <label>" % f)
        probs += ["fetches %s from the network" % f for f in p.fetches]
        if rel.startswith("articles/"):
            if len(p.lds) != 1:
                probs.append("%d JSON-LD blocks" % len(p.lds))
            for text in p.lds:
                o = json.loads(text)
                for key in ("@context", "@type", "headline", "url",
                            "mainEntityOfPage"):
                    if not o.get(key):
                        probs.append("JSON-LD without %s" % key)
                if o.get("@type") != "NewsArticle":
                    probs.append("JSON-LD is not a NewsArticle")
                for au in o.get("author", []):
                    if au.get("@type") != "Person" or not au.get("name"):
                        probs.append("JSON-LD author %r" % au)
                pub = o.get("publisher")
                if pub is not None and pub.get("@type") != "Organization":
                    probs.append("JSON-LD publisher %r" % pub)
        bad += ["%s: %s" % (rel, x) for x in probs]
    for d, _, files in os.walk(top):
        for f in files:
            if f.endswith(".css"):
                css = open(os.path.join(d, f), encoding="utf-8").read()
                if re.search(r"@import|@font-face|url\(\s*['\"]?\s*"
                             r"(https?:)?//", css, re.I):
                    bad.append("%s fetches from the network" % f)
            if f.endswith(".js") and d == os.path.join(top, "assets"):
                js = open(os.path.join(d, f), encoding="utf-8").read()
                if re.search(r"https?://|importScripts|WebSocket|"
                             r"EventSource|sendBeacon", js):
                    bad.append("%s names a network URL" % f)
    return bad


def search_data(path):
    """The DATA of a search file, MORGUE_SEARCH_DATA("KEY",DATA);"""
    text = open(path, encoding="utf-8").read()
    m = re.match(r'^MORGUE_SEARCH_DATA\("([^"]*)",(.*)\);\n$', text, re.S)
    return json.loads(m.group(2)) if m else None


def search_stem(w):
    """render_search_stem(), as search.js has it."""
    n = len(w)
    ends = lambda s: w[:n].endswith(s)
    if n > 4 and ends("ies"):
        n -= 2
    elif n > 3 and ends("s") and not (ends("ss") or ends("us") or
                                        ends("is")):
        n -= 1
    if n > 5 and ends("ing"):
        n -= 3
    elif n > 4 and ends("ed"):
        n -= 2
    if n > 3 and (ends("y") or ends("i")):
        n -= 1
    return w[:n]


def fnv1a(w):
    h = 2166136261
    for b in w.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def search_check(top):
    bad = []
    d = os.path.join(top, "search")
    meta = search_data(os.path.join(d, "index.js"))
    if not isinstance(meta, dict):
        return ["search/index.js does not parse"]
    docs, ns, sealed, nd = (meta.get(k) for k in
                            ("docs", "shards", "sealed", "delta"))
    if not all(isinstance(x, int) for x in (docs, ns, sealed, nd)):
        return ["search/index.js lacks docs, shards, sealed or delta"]
    block = 8
    while block * block < docs:
        block *= 2
    if sealed != docs - docs % block:
        bad.append("sealed is %r, not the full blocks of %d" % (sealed, block))
    if (nd > 0) != (sealed < docs):
        bad.append("%d delta shards for %d newer stories" %
                   (nd, docs - sealed))
    post = {}
    for sub, n, lo, hi in (("w", ns, 0, sealed), ("d", nd, sealed, docs)):
        have = sorted(os.listdir(os.path.join(d, sub))) \
            if os.path.isdir(os.path.join(d, sub)) else []
        if have != sorted("%d.js" % k for k in range(n)):
            bad.append("search/%s holds %s, not %d shards" %
                       (sub, have[:5], n))
            continue
        for k in range(n):
            for w, ps in search_data(os.path.join(d, sub, "%d.js" % k)).items():
                if fnv1a(w) % n != k:
                    bad.append("%s in %s/%d, not its hash's shard" %
                               (w, sub, k))
                at = -1
                for x in ps.split(","):
                    v = int(x, 36)
                    at += v // 2
                    if v < 2 or not lo <= at < hi:
                        bad.append("%s/%d: %s names story %d, out of %d-%d"
                                   % (sub, k, w, at, lo, hi - 1))
                    post.setdefault(w, {})[at] = v % 2
    for i in range(docs):
        row = search_data(os.path.join(d, "a", "%d.js" % i))
        if not isinstance(row, list) or len(row) != 5:
            bad.append("search/a/%d.js is not a story" % i)
            continue
        ascii = lambda t: [w for w in re.findall(r"[^\W_]+", t)
                           if re.match(r"^[A-Za-z0-9]+$", w)]
        for w in ascii(row[0]) + ascii(row[4])[:-1]:
            sw = search_stem(w.lower())
            if i not in post.get(sw, {}):
                bad.append("story %d: %r (%s) not in the index" % (i, w, sw))
                break
    return bad


def main(argv):
    modes = {"links": 3, "hostile": 3, "feeds": 4, "pages": 3, "search": 3}
    if len(argv) < 3 or modes.get(argv[1], 99) > len(argv):
        sys.stderr.write(__doc__)
        return 2
    if argv[1] == "links":
        bad, n = links(argv[2])
        if n == 0:
            bad.append("no links found at all")
    elif argv[1] == "feeds":
        bad = feeds(argv[2], argv[3])
    elif argv[1] == "pages":
        bad = pages_check(argv[2])
    elif argv[1] == "search":
        bad = search_check(argv[2])
    else:
        bad = hostile(argv[2], argv[3:])
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
