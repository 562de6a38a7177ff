#!/bin/sh
# test_title_lead.sh: an article whose text has no headline is named by
# the first words of its lead sentence, and marked so: `parse --json`
# keeps "title" null (the text gives none) and says the made title in
# "title_made"; the Markdown page, articles.json and the article's HTML
# page show it with title_from "lead", and a second build (from the
# cache) and a page read back keep it. An article with a headline is
# not marked.
. tests/lib.sh

# Its first twelve words: a made title has no more.
lead='Fishermen in the northern bay hauled a drifting lighthouse lamp ashore on'
mkdir -p "$T/site/content"
cat >"$T/site/content/untitled.txt" <<TXT
$lead Monday, two weeks after the storm that tore it loose from the old pier. The harbour office said it would be restored.

Volunteers carried the lamp to the boat shed, where it will stay until the pier is repaired next spring.
TXT
cat >"$T/site/content/titled.txt" <<'TXT'
Harbour lamp back on its pier

The lamp that a storm tore loose from the old pier was fixed back in place on Friday, the harbour office said in a short statement.

Volunteers who had kept it in the boat shed over the winter watched the crane lift it back to the top of the tower.
TXT

"$MORGUE" parse --json "$T/site/content/untitled.txt" >"$T/u.json" 2>"$T/u.err"
check_eq "parse exits 0" "$?" 0
python3 - "$T/u.json" "$lead" >"$T/u.out" <<'PY'
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
print("title=%s" % a.get("title"))
print("made_ok=%s" % (a.get("title_made") == sys.argv[2] + "\u2026"))
print("slug=%s" % a.get("slug"))
PY
check_grep "json: no headline is a null title" '^title=None$' "$T/u.out"
check_grep "json: the made title is the lead's words" '^made_ok=True$' \
    "$T/u.out"
check_grep "the slug is made from it" \
    '^slug=fishermen-in-the-northern-bay-hauled' "$T/u.out"

"$MORGUE" parse --json "$T/site/content/titled.txt" >"$T/t.json" 2>/dev/null
check_grep "a found headline has no made title" '"title_made": null' \
    "$T/t.json"
check_grep "a found headline is the title" \
    '"title": "Harbour lamp back on its pier"' "$T/t.json"

"$MORGUE" parse --md "$T/site/content/untitled.txt" >"$T/u.md" 2>/dev/null
check_grep "front matter: the made title" "^title: \"$lead…\"" "$T/u.md"
check_grep "front matter: title_from lead" '^title_from: "lead"$' "$T/u.md"
"$MORGUE" parse --md "$T/site/content/titled.txt" >"$T/t.md" 2>/dev/null
check_nogrep "front matter: no mark on a found title" '^title_from:' \
    "$T/t.md"

# A page read back keeps the mark.
cp "$T/u.md" "$T/back.md"
"$MORGUE" parse --json "$T/back.md" >"$T/back.json" 2>/dev/null
check_grep "a page read back keeps the made title" \
    "\"title_made\": \"$lead…\"" "$T/back.json"

printf 'title = "Lamps"\n' >"$T/site/site.conf"
for run in 1 2; do
	(cd "$T/site" && "$MORGUE" build --no-commit) >"$T/b$run.out" \
	    2>"$T/b$run.err"
	check_eq "build $run exits 0" "$?" 0
	python3 - "$T/site/public/articles.json" "$lead" >"$T/a$run.out" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1], encoding="utf-8")):
    print("%s title_from=%s title_ok=%s" % (a["path"], a.get("title_from"),
          a["title"] == sys.argv[2] + "\u2026"))
PY
	check_grep "build $run: articles.json marks the made title" \
	    '^untitled.txt title_from=lead title_ok=True$' "$T/a$run.out"
	check_grep "build $run: a found title is not marked" \
	    '^titled.txt title_from=None' "$T/a$run.out"
	page=$(find "$T/site/public/articles" -path '*fishermen*' \
	    -name index.html | head -1)
	if [ -n "$page" ]; then
		check_grep "build $run: the page shows the made title" \
		    "<h1[^>]*>$lead" "$page"
		check_nogrep "build $run: no Untitled" 'Untitled' "$page"
	else
		fail "build $run: page" "no page for the untitled article"
	fi
done
finish
