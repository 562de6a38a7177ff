#!/bin/sh
# test_site_hostile.sh: HOSTILE rows 28-44 on the rendered site. A fixture
# site (tests/fixtures/site-hostile) whose titles, bylines, bodies, URLs
# and Lua-made tags carry markup, script, quotes, ]]>, control characters
# and path tricks is built with `morgue build`; an HTML parser, json.loads
# and xmllint then check that all of it stayed text (site_check.py).
. tests/lib.sh

if ! "$MORGUE" build --help >/dev/null 2>&1; then
	skip "morgue build is not there yet"
	finish
	exit
fi

site="$T/site"
cp -R tests/fixtures/site-hostile "$site"
cp -R templates "$site/templates"
echo "SECRET-MARKER-4711" >"$T/secret.txt"
ln -s "$T/secret.txt" "$site/content/07-symlink.txt"
ln -s /etc/passwd "$site/content/08-passwd.txt"
ln -s "$T/secret.txt" "$site/templates/assets/evil.css"
mkdir -p "$site/public"
: >"$site/public/.morgue-output"	# an earlier build's output, tampered with
echo "keep me" >"$T/bashrc"
ln -s "$T/bashrc" "$site/public/index.html"
touch "$T/marker"
sleep 1

(cd "$site" && "$MORGUE" build --no-commit) >"$T/out" 2>"$T/err"
rc=$?
pub="$site/public"
check "build finishes (exit $rc)" [ "$rc" -eq 0 ] || cat "$T/err"
if [ ! -f "$pub/index.html" ] || [ -L "$pub/index.html" ]; then
	fail "site rendered" "no public/index.html"
	finish
	exit
fi

# 28-30, 32-33, 35-36: script count, on* attributes, schemes, JSON-LD,
# and every title of articles.json read back as <title> and <h1> text.
python3 - "$pub/articles.json" >"$T/titles" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1], encoding="utf-8")):
    print(json.dumps(a.get("title") or ""))
PY
check "articles.json parses" [ -s "$T/titles" ]
check_eq "seven articles (symlinks skipped)" "$(wc -l <"$T/titles")" 7
python3 - "$pub" "$T/titles" >"$T/hostile" <<'PY'
import json, subprocess, sys
titles = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
titles = [t for t in titles if t]
sys.exit(subprocess.call([sys.executable, "tests/site_check.py",
                          "hostile", sys.argv[1]] + titles))
PY
if [ $? -eq 0 ]; then ok "html parser: scripts, on*, schemes, JSON-LD, titles"
else fail "html parser" "$(head -5 "$T/hostile")"; fi
check_grep "hostile title is in articles.json" 'script>alert\(1\)' "$T/titles"

# Nothing executable got through as markup, in any format.
find "$pub" \( -name '*.html' -o -name '*.xml' -o -name '*.js' \) \
    -exec grep -l -i -E '<script>alert|<img src=x|<iframe|<svg onload|onmouseover="' {} + \
    >"$T/leaks" 2>/dev/null
check_eq "no live markup from content in html, xml, js" "$(cat "$T/leaks")" ""

# 31, 14: every feed and the sitemap are well-formed XML.
n=0
for f in $(find "$pub" -name '*.xml'); do
	n=$((n + 1))
	xmllint --noout "$f" 2>>"$T/xml" || echo "$f" >>"$T/badxml"
done
check "feeds and sitemap exist" [ "$n" -ge 3 ]
check "every feed is well-formed (xmllint)" [ ! -s "$T/badxml" ]
python3 tests/site_check.py feeds "$pub" https://example.org/sub/path/ \
    >"$T/feeds" 2>&1
check_eq "feeds and sitemap keep their required elements" "$(head -5 "$T/feeds")" ""
python3 tests/site_check.py pages "$pub" >"$T/pagecheck" 2>&1
check_eq "markup stays accessible and offline" "$(head -5 "$T/pagecheck")" ""
check_grep "]]> is escaped in the feed" ']]&gt; &amp; &lt;' "$pub/feed.xml"
check_nogrep "no form feed in the feed" "$(printf '\014')" "$pub/feed.xml"

# 30: the search index is JSON that cannot close a script element.
python3 - "$pub/search" <<'PY'
import glob, json, os, re, sys
files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.js"), recursive=True))
assert len(files) >= 3, files
docs = 0
for f in files:
    s = open(f, encoding="utf-8").read()
    m = re.match(r'^MORGUE_SEARCH_DATA\("([a-z0-9/]+)",(.*)\);\n$', s, re.S)
    assert m, f
    body = m.group(2)
    assert "<" not in body and ">" not in body and "\u2028" not in body, f
    data = json.loads(body)
    if m.group(1).startswith("d/"):
        docs += len(data)
assert docs == 7, docs
PY
check "search index parses and is inert" [ $? -eq 0 ]

# 34: a javascript: URL in the article is shown as text, not a link.
check_nogrep "no javascript: href" 'href="[[:space:]]*javascript' \
    "$(find "$pub/articles" -name index.html | head -1)"
grep -rl -i 'href="[^"]*javascript:' "$pub" --include=*.html >"$T/jshref"
check_eq "no javascript: href anywhere" "$(cat "$T/jshref")" ""

# 35: tags from rules are text on their pages, and their slugs are clean.
check "tag page of <b onmouseover=x>" [ -f "$pub/topics/b-onmouseover-x/index.html" ]
check_grep "tag name shown as text" '&lt;b onmouseover=x&gt;' \
    "$pub/topics/b-onmouseover-x/index.html"
check "tag ../../x has a clean slug" [ -f "$pub/places/x/index.html" ]
find "$pub" -mindepth 1 | sed "s|^$pub/||" | tr '/' '\n' | sort -u |
    grep -v -E '^[a-z0-9][a-z0-9-]*$|^(index\.html|index\.md|index\.js|feed\.xml|changes\.html|changes\.xml|sitemap\.xml|articles\.json|site\.css|search\.js|favicon\.svg|[0-9a-f]+\.js|\.morgue-output)$' \
    >"$T/names"
check_eq "every path component is a slug or a known file" "$(cat "$T/names")" ""

# 32-34, 36 in a hand-written .md page (07-page.md): its links, raw HTML,
# fence and front matter reach the page as text.
md="$pub/articles/2021/12/07/git/index.html"
check "the .md page's slug ../../.git is git" [ -f "$md" ]
check_grep ".md raw HTML block is text" \
    '&lt;div onclick=&quot;alert\(7\)&quot;&gt;a raw block&lt;/div&gt;' "$md"
check_grep ".md fenced script is text" '<p>&lt;script&gt;alert\(7\)&lt;/script&gt;</p>' "$md"
check_grep ".md javascript: url shown as text" \
    '<dd class="original">javascript:alert\(7\)</dd>' "$md"
check_nogrep ".md bad language tag left out" 'lang="en&quot;' "$md"

# 37, 39: path tricks in titles and tag names become plain slugs.
check "../../etc/passwd gives the slug etc-passwd" \
    [ -f "$pub/articles/2021/12/06/etc-passwd/index.html" ]
for p in topics/git topics/con-1 topics/core topics/build topics/x-log \
    places/a-b places/untitled; do
	check "tag page $p" [ -f "$pub/$p/index.html" ]
done
# (.morgue-output is morgue's own marker, not a name from the input.)
find "$pub" -name '.*' ! -path "$pub/.morgue-output" >"$T/dots"
check_eq "no dot-name anywhere in the output" "$(cat "$T/dots")" ""

# 37, 41, 42: nothing written outside the output; symlinks not followed.
find "$T" -newer "$T/marker" -type f | grep -v -E "^($site/public/|$site/archive\.git/|$site/\.morgue|$T/(out|err|titles|hostile|leaks|xml|badxml|jshref|names|dots|feeds|pagecheck|outside)$)" \
    >"$T/outside"
check_eq "no file written outside public/" "$(cat "$T/outside")" ""
check "no etc/ made by a ../ slug" test ! -e "$site/etc" -a ! -e "$T/etc"
grep -rl "SECRET-MARKER-4711" "$pub" >"$T/secret" 2>/dev/null
check_eq "symlinked secret is not in the output" "$(cat "$T/secret")" ""
check "symlinked asset not copied" [ ! -e "$pub/assets/evil.css" ]
check_eq "pre-seeded symlink target untouched" "$(cat "$T/bashrc")" "keep me"
check_grep "symlinks reported" "symlink" "$T/err"

# DET: a second build of a copy gives the same bytes.
cp -R "$site" "$T/copy" && rm -rf "$T/copy/public" "$T/copy/archive.git"
(cd "$T/copy" && "$MORGUE" build --no-commit) >/dev/null 2>&1
check "output byte-for-byte deterministic" diff -r "$pub" "$T/copy/public"

# 44: tag pages named like .gitignore patterns (core, build) are
# committed all the same: the archive's tree holds every file of public/.
if command -v git >/dev/null; then
	(cd "$T/copy" && "$MORGUE" build) >/dev/null 2>"$T/err44"
	check_eq "committed build exits 0" "$?" 0
	git --git-dir="$T/copy/archive.git" ls-tree -r --name-only archive \
	    >"$T/tree" 2>>"$T/err44"
	(cd "$T/copy/public" && find . -type f | sed 's|^\./||' | sort) >"$T/files"
	check "the archive tree lists every file of public/" \
	    cmp -s "$T/files" "$T/tree"
	check_grep "topics/core is committed" '^topics/core/index.html$' "$T/tree"
	check_grep "topics/build is committed" '^topics/build/index.html$' "$T/tree"
else
	skip "git is not installed: row 44 not checked"
fi

# A broken template stops the build with exit 3 and keeps the old site.
rm -rf "$T/before" && cp -R "$T/copy/public" "$T/before"
printf '{{#unclosed}}\n' >"$T/copy/templates/term.mustache"
(cd "$T/copy" && "$MORGUE" build --no-commit) >/dev/null 2>"$T/err3"
check_eq "broken template: exit 3" "$?" 3
check_grep "broken template named" "term.mustache" "$T/err3"
check "old site kept" diff -r "$T/before" "$T/copy/public"

finish
