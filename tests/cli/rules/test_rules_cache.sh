#!/bin/sh
# test_rules_cache.sh: the rules run only on the articles that need it
# (.morgue/rules), and what they make equals a --full build's. A lone
# word that its own articles leave untyped ("talks with Brenmoor") takes
# the kind two other articles give it ("in Brenmoor"): adding, changing
# or removing one of those re-runs the articles that name the word, and
# only them; an article about something else runs alone.
. tests/lib.sh

mkdir -p "$T/a/content"
cp "$TOP/site.conf" "$T/a/"
cp -R "$TOP/lua" "$TOP/templates" "$T/a/"

story() {	# FILE SOURCE TITLE AUTHOR DATE TEXT
	printf '%s\n%s\nBy %s\n%s\n\n%s\n' "$2" "$3" "$4" "$5" "$6" \
	    >"$T/a/content/$1"
}
for i in 1 2 3; do
	story "a$i.txt" "Harbour Post" "Talks on the river wall go on $i" \
	    "Anna Korvel" "$i March 2025" "Officials said the talks with \
Brenmoor ended late on Tuesday, and the council would meet again. The \
budget was approved after long days of debate."
done
story b1.txt "Morning Ledger" "Flood wall opens" "Piet Lusk" "5 March 2025" \
    "Workers arrived in Brenmoor on Monday to open the flood wall, \
officials said."
second() {
	story b2.txt "Morning Ledger" "New ferry service" "Piet Lusk" \
	    "6 March 2025" "A ferry docked in Brenmoor at $1, the operator said."
}
other() {
	story "c$1.txt" "Harbour Post" "Market day $1" "Ida Brun" \
	    "$((10 + $1)) March 2025" "Traders in Sarnford said the market \
was busy on day $1."
}

# build STEP: builds with the cache (a) and --full (b) the same inputs
# and compares; says how many articles the rules ran on in a.
build() {
	rm -rf "$T/b"
	mkdir "$T/b"
	cp -R "$T/a/content" "$T/a/lua" "$T/a/templates" "$T/a/site.conf" \
	    "$T/b/"
	SOURCE_DATE_EPOCH=1750000000 "$MORGUE" build -C "$T/a" --no-commit \
	    -v >"$T/a.out" 2>&1
	SOURCE_DATE_EPOCH=1750000000 "$MORGUE" build -C "$T/b" --no-commit \
	    --full -q >"$T/b.out" 2>&1
	if diff -r "$T/a/public" "$T/b/public" >"$T/diff" 2>&1; then
		ok "$1: the output equals --full"
	else
		fail "$1: the output differs from --full" "$(head -5 "$T/diff")"
	fi
	ran=$(sed -n 's/.*note: rules: \([0-9]*\) of [0-9]* articles run.*/\1/p' \
	    "$T/a.out")
}

places() {	# how many articles have Brenmoor among their places
	python3 -c 'import json, sys
print(sum("Brenmoor" in a["places"] for a in json.load(open(sys.argv[1]))))' \
	    "$T/a/public/articles.json"
}

build "first build"
check_eq "first build: every article runs" "$ran" 4
check_eq "one article types Brenmoor: only it" "$(places)" 1
build "nothing changed"
check_eq "nothing changed: no article runs" "$ran" 0
other 1
build "an article about another place"
check_eq "another place: it runs alone" "$ran" 1
second noon
build "a second article types the word"
check_eq "the articles naming the word run again" "$ran" 5
check_eq "the archive types Brenmoor in all" "$(places)" 5
second dusk
build "that article corrected"
check_eq "the correction changes no vote: it runs alone" "$ran" 1
rm "$T/a/content/b1.txt"
build "the first one removed"
check_eq "its removal runs the articles naming the word" "$ran" 4
check_eq "one vote is no habit: only b2 keeps it" "$(places)" 1
printf '\n-- a rule added\n' >>"$T/a/lua/aliases.lua"
build "a rule file changed"
check_eq "a changed rule file runs every article" "$ran" 5
# A damaged file is never trusted: bytes overwritten in its middle,
# then the file cut short.
size=$(wc -c <"$T/a/.morgue/rules")
printf '%064d' 7 | dd of="$T/a/.morgue/rules" bs=1 seek=$((size / 2)) \
    conv=notrunc 2>/dev/null
build "the cache damaged"
check_eq "a damaged cache runs every article" "$ran" 5
head -c $((size / 3)) "$T/a/.morgue/rules" >"$T/cut"
mv "$T/cut" "$T/a/.morgue/rules"
build "the cache cut short"
check_eq "a cut cache runs every article" "$ran" 5
rm -rf "$T/a/.morgue"
build "the cache removed"
check_eq "without the cache every article runs" "$ran" 5
finish
