#!/bin/sh
# test_rules.sh: the default rules on the example content and on the seed
# articles, `morgue explain` and `morgue test-rules`.
. tests/lib.sh

# explain: fields, then each tag and link with the rule behind it.
"$MORGUE" explain content/07-peace-talks-herald.txt >"$T/out" 2>"$T/err"
check_eq "explain: exit 0" "$?" 0
check_grep "explain: path" '^path: +content/07-peace-talks-herald\.txt$' "$T/out"
check_grep "explain: date" '^date: +2025-06-03$' "$T/out"
check_grep "explain: a person with its rule" \
    '^  people +Pieter Anselm +lua/vellmar\.lua:[0-9]+$' "$T/out"
check_grep "explain: a place" '^  places +Brask Republic ' "$T/out"
check_grep "explain: a topic" '^  topics +peace talks +lua/tags\.lua:[0-9]+$' \
    "$T/out"
check_grep "explain: a link with its rule" \
    '^  "Edvin Haldor" -> people/Edvin Haldor  lua/links\.lua:[0-9]+$' \
    "$T/out"
check_eq "explain: stderr empty" "$(wc -c <"$T/err")" 0
"$MORGUE" explain >/dev/null 2>&1
check_eq "explain: no file is usage" "$?" 2
"$MORGUE" explain --help | grep -q '^usage: morgue explain'
check_eq "explain --help" "$?" 0

# The example archive: each article gets its people, places and topics.
tags_of() {	# FILE KIND: the names of that kind, one line, sorted
	"$MORGUE" explain "$1" 2>/dev/null |
	    awk -v k="$2" '$1 == k { $1 = ""; $NF = ""; sub(/^ +/, "");
	        sub(/ +$/, ""); print }' | sort | paste -sd'|' -
}

# The default rules' words for what a name is: contests and days are
# events, a firm's trade or legal form an organisation; a title between
# two names parts them.
names_of() {	# FILE KIND: the names of that kind, whatever the evidence
	"$MORGUE" explain "$1" 2>/dev/null |
	    awk -F '  +' -v k="$2" '$2 == k { print $3 }' | sort |
	    paste -sd'|' -
}
mkdir -p "$T/kinds"
cat >"$T/kinds/a.txt" <<'EOF2'
Tarvel rowers win again

The Tarvel Open ended on Sunday, a week before Harvest Day.

Shares of Orlund Pharmaceuticals rose, and Pessel SpA fell.

"We are ready," Wexmoor Rowing Association President Ilse Draven said.
EOF2
check_eq "default rules: events" "$(names_of "$T/kinds/a.txt" events)" \
    "Harvest Day|Tarvel Open"
check_eq "default rules: firms" \
    "$(names_of "$T/kinds/a.txt" organisations)" \
    "Orlund Pharmaceuticals|Pessel SpA|Wexmoor Rowing Association"
check_eq "default rules: the president" \
    "$(names_of "$T/kinds/a.txt" people)" "Ilse Draven"
# The system's word list: things named in common words, or in a
# brand's coinage, are no people; a fullback's name keeps only the name.
if [ -r /usr/share/dict/words ]; then
	cat >"$T/kinds/b.txt" <<'EOF2'
New gear for the road

Sales of the Magic Mouse and the TarBook Air rose in June.

Fullback Anna Tarvo scored twice, and Mark Tiller kicked the goals.
EOF2
	check_eq "default rules: no things among the people" \
	    "$(names_of "$T/kinds/b.txt" people)" "Anna Tarvo|Mark Tiller"
else
	skip "default rules: no word list in /usr/share/dict (wamerican)"
fi
check_eq "content 01: people" \
    "$(tags_of content/01-sarn-flood-warning.txt people | grep -o 'Ilse Draven')" \
    "Ilse Draven"
check_grep "content 08: same people as 07" 'Leona Vasch' /dev/stdin <<EOF
$(tags_of content/08-peace-talks-courier.txt people)
EOF
for f in content/07-peace-talks-herald.txt content/08-peace-talks-courier.txt; do
	check_eq "$(basename "$f"): the talks' three people" \
	    "$(tags_of "$f" people | tr '|' '\n' |
	    grep -E '^(Pieter Anselm|Edvin Haldor|Leona Vasch)$' | paste -sd' ' -)" \
	    "Edvin Haldor Leona Vasch Pieter Anselm"
done
for f in content/0[1-4]*.txt content/10*.txt; do
	check_grep "content $(basename "$f"): topic flood" '(^|\|)flood(\||$)' \
	    /dev/stdin <<EOF
$(tags_of "$f" topics)
EOF
done

# test-rules: the project's own rule tests pass; a failing one fails.
"$MORGUE" test-rules >"$T/out" 2>&1
check_eq "test-rules: exit 0" "$?" 0
check_grep "test-rules: summary" '^[1-9][0-9]* passed, 0 failed$' "$T/out"
mkdir -p "$T/site/lua/tests"
cp lua/*.lua "$T/site/lua/"
cat >"$T/site/lua/tests/bad.lua" <<'EOF'
test("a wrong expectation", function()
	expect_tag(run("A headline\n\nBy Someone\n\nNobody at all is " ..
	    "named in this paragraph, which talks about the weather.\n"),
	    "people", "Nobody Special")
end)
test("a right one", function() assert(1 + 1 == 2) end)
EOF
"$MORGUE" test-rules -C "$T/site" >"$T/out" 2>&1
check_eq "test-rules: a failure exits 1" "$?" 1
check_grep "test-rules: FAIL line" \
    '^FAIL .*bad\.lua: a wrong expectation: .*people "Nobody Special" expected' \
    "$T/out"
check_grep "test-rules: 1 passed, 1 failed" '^1 passed, 1 failed$' "$T/out"

# The seed articles (../shared): one canonical name for every spelling.
if need_shared && [ -d "$SHARED/corpus/seeds" ]; then
	for f in "$SHARED"/corpus/seeds/*.txt; do
		n=$(basename "$f" .txt)
		"$MORGUE" explain "$f" >"$T/$n" 2>"$T/err"
		check_eq "seed $n: exit 0" "$?" 0
		check_grep "seed $n: Volodymyr Zelensky" \
		    '^  people +Volodymyr Zelensky ' "$T/$n"
		check_eq "seed $n: one Zelensky" \
		    "$(grep -ciE '^  people +.*zelensk' "$T/$n")" 1
		check_grep "seed $n: Kyiv" '^  places +Kyiv ' "$T/$n"
		check_grep "seed $n: Vladimir Putin" '^  people +Vladimir Putin ' \
		    "$T/$n"
		check_nogrep "seed $n: no Kiev" '^  places +Kiev ' "$T/$n"
		check_grep "seed $n: peace talks" '^  topics +peace talks ' "$T/$n"
	done
	check_eq "seeds: Lavrov in four" \
	    "$(cat "$T"/0*_* | grep -cE '^  people +Sergei Lavrov ')" 4
	check_eq "seeds: Peskov in four" \
	    "$(cat "$T"/0*_* | grep -cE '^  people +Dmitry Peskov ')" 4
	check_eq "seeds: NATO in four" \
	    "$(cat "$T"/0*_* | grep -cE '^  organisations +NATO ')" 4
	check_eq "seeds: no Lavrov variant" \
	    "$(cat "$T"/0*_* | grep -E '^  people +.*Lavrov' | sort -u |
	    awk '{print $2, $3}' | sort -u)" "Sergei Lavrov"
	check_grep "seeds: sanctions" '^  topics +sanctions ' "$T/003_6d0c7edd54c0f961"
	check_grep "seeds: troop build-up" '^  topics +troop build-up ' \
	    "$T/000_0bdc38a0d2c54847"

	# The same through `morgue build` and articles.json.
	mkdir -p "$T/b/content"
	cp "$SHARED"/corpus/seeds/*.txt "$T/b/content/"
	cp -r lua templates "$T/b/" 2>/dev/null
	printf 'title = "Seeds"\n' >"$T/b/site.conf"
	(cd "$T/b" && "$MORGUE" build --no-commit) >/dev/null 2>"$T/err"
	check_eq "build: exit 0" "$?" 0
	j=$T/b/public/articles.json
	count_in() {	# KIND NAME: articles whose KIND lists NAME once
		python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
print(sum(1 for x in a if x[sys.argv[2]].count(sys.argv[3]) == 1))
' "$j" "$1" "$2"
	}
	check_eq "build: Zelensky on all five" "$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
print(sum(1 for x in a if x["people"].count("Volodymyr Zelensky") == 1
    and not [p for p in x["people"] if "elensk" in p and p != "Volodymyr Zelensky"]))
' "$j")" 5
	check_eq "build: one Kyiv, never Kiev" "$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
print(sum(1 for x in a if "Kyiv" in x["places"] and "Kiev" not in x["places"]))
' "$j")" 5
	check_eq "build: Putin on all five" \
	    "$(count_in people "Vladimir Putin")" 5
	check_eq "build: Lavrov in four" "$(count_in people "Sergei Lavrov")" 4
	check_eq "build: Peskov in four" "$(count_in people "Dmitry Peskov")" 4
	check_eq "build: NATO in four" "$(count_in organisations NATO)" 4
	check_eq "build: peace talks on all five" \
	    "$(count_in topics "peace talks")" 5
	check_eq "build: sanctions" "$(count_in topics sanctions)" 2
	check_eq "build: troop build-up" "$(count_in topics "troop build-up")" 3
	# The front matter of each page carries the same tags.
	check_eq "build: front matter" "$(grep -lx -- '- "Volodymyr Zelensky"' \
	    "$T"/b/public/articles/*/*/*/*/index.md \
	    "$T"/b/public/articles/undated/*/index.md 2>/dev/null | wc -l)" 5
	# And the site's tag pages: one page for Zelensky listing all five,
	# one for Kyiv, none for the other spellings.
	P=$T/b/public
	check_eq "build: the Zelensky page lists all five" \
	    "$(grep -o 'href="[^"]*articles/[^"]*"' \
	    "$P/people/volodymyr-zelensky/index.html" 2>/dev/null |
	    sort -u | wc -l)" 5
	check "build: a page for Kyiv" test -f "$P/places/kyiv/index.html"
	check_eq "build: no page for another spelling" \
	    "$(ls "$P/places" "$P/people" 2>/dev/null |
	    grep -ciE '^(kiev|zelenskiy|zelenskyy|lavrov|putin)$')" 0
	# Copies are shown once: 001 is 000's copy, never its related
	# story. The rules' related_weights reach the ranking: a threshold
	# of 1 leaves no related story, and the copy stays a copy.
	copy_in() {	# FIELD: 1 when seed 000 lists a copy there
		python3 -c '
import json, sys
a = {x["path"][:3]: x for x in json.load(open(sys.argv[1]))}
print(int(bool(set(a["000"][sys.argv[2]]) & {a["001"]["permalink"]})))
' "$j" "$1"
	}
	nrelated() {
		python3 -c '
import json, sys
a = {x["path"][:3]: x for x in json.load(open(sys.argv[1]))}
print(len(a["000"]["related"]))
' "$j"
	}
	check_eq "build: the copy is not related" "$(copy_in related)" 0
	check_eq "build: the copy is syndicated" "$(copy_in syndicated)" 1
	check "build: 000 has related stories" test "$(nrelated)" -gt 0
	sed 's/^related_weights {/related_weights {\n\tthreshold = 1,/' \
	    lua/links.lua >"$T/b/lua/links.lua"
	(cd "$T/b" && "$MORGUE" build --no-commit) >/dev/null 2>"$T/err"
	check_eq "build: threshold = 1: nothing related" "$(nrelated)" 0
	check_eq "build: threshold = 1: still syndicated" \
	    "$(copy_in syndicated)" 1
	# A name no rule spells: the recogniser finds it, with its rule.
	check_grep "seeds: a new name from the recogniser" \
	    '^  people +Sergey Peresada +lua/tags\.lua:[0-9]+: [a-z]' \
	    "$T/003_6d0c7edd54c0f961"
else
	skip "the seed articles need ../shared"
fi
finish
