#!/bin/sh
# test_paths.sh: site.conf paths that would destroy one another are
# refused before anything is written (exit 3, the key's site.conf line),
# compared as the kernel resolves them (symlinks, "./", "a/../b"); and the
# output swap replaces only a directory that morgue made (its marker).
. tests/lib.sh

# site DIR CONF-TEXT: a small site in DIR whose site.conf is CONF-TEXT.
site() {
	rm -rf "$1"
	mkdir -p "$1/content"
	cp -R "$TOP/lua" "$TOP/templates" "$1/"
	printf 'Harbour fees rise\n\nBy Ada Quill\n\nPORTVALE, 3 March 2024 - The harbour board raised fees on Tuesday for the first time in a decade, and fishing crews said the rise would cost them a week of income every season.\n' \
	    >"$1/content/a.txt"
	printf '%s\n' "$2" >"$1/site.conf"
	(cd "$1" && find . -type f | sort | xargs cksum) >"$1.sums"
}

# refused NAME CONF-TEXT LINE [SETUP]: the build exits 3 naming site.conf
# line LINE, and leaves every file of the site as it was.
refused() {
	site "$T/s" "$2"
	[ -n "$4" ] && (cd "$T/s" && eval "$4")
	(cd "$T/s" && find . -type f | sort | xargs cksum) >"$T/s.sums"
	(cd "$T/s" && "$MORGUE" build -q) >/dev/null 2>"$T/err"
	rc=$?
	check_eq "$1: exit 3" "$rc" 3
	check_grep "$1: names site.conf:$3" "^site.conf:$3: error: " "$T/err"
	(cd "$T/s" && find . -type f | sort | xargs cksum) >"$T/s.after"
	if cmp -s "$T/s.sums" "$T/s.after"; then ok "$1: nothing changed"
	else fail "$1: nothing changed" "$(diff "$T/s.sums" "$T/s.after" | head -3)"; fi
}

refused "output is the archive" 'output = "archive.git"' 1 \
    'git init -q --bare archive.git'
refused "output is the project's .git" 'output = ".git"' 1 'git init -q .'
refused "output inside a .git" 'output = "x/.git/site"' 1
refused "output holds the rules" 'output = "lua"' 1
refused "output is site.conf" 'title = "T"
output = "site.conf"' 2
refused "output inside the templates" 'output = "templates/assets"' 1
refused "output is the content, spelt ./" 'content = "./content"
output = "content"' 2
refused "output holds the content" 'content = "pub/c"
output = "pub"' 2 'mkdir pub && mv content pub/c'
refused "content linked to the output" 'content = "c"' 1 \
    'mkdir -p public && touch public/.morgue-output && ln -s public c'
refused "output is the site" 'output = "x/.."' 1
refused "output is a bare repository" 'output = "pages"' 1 \
    'git init -q --bare pages'
refused "archive is the output" 'archive = { repo = "public" }' 1
refused "archive is the project's .git" 'archive = { repo = ".git" }' 1 \
    'git init -q .'
refused "archive is a work tree" 'archive = { repo = "wt" }' 1 \
    'git init -q wt'
refused "archive above the site" 'archive = { repo = ".." }' 1
refused "archive inside the content" \
    'archive = { repo = "content/a.git" }' 1
refused "archive holds the rules" 'archive = { repo = "lua" }' 1

# The same checks let the ordinary layouts through, content = "." too.
site "$T/ok" 'title = "Fine"'
(cd "$T/ok" && "$MORGUE" build -q) >/dev/null 2>"$T/err"
check_eq "default layout builds" "$?" 0
check "the output carries the marker" test -f "$T/ok/public/.morgue-output"
(cd "$T/ok" && "$MORGUE" build -q) >/dev/null 2>"$T/err"
check_eq "and builds again over its own output" "$?" 0
site "$T/dot" 'content = "."'
(cd "$T/dot" && "$MORGUE" build -q --no-commit) >/dev/null 2>"$T/err"
check_eq "content = \".\" builds" "$?" 0

# A directory morgue did not make is never replaced, whatever the setting.
site "$T/m" 'output = "notes"'
mkdir "$T/m/notes" && echo "my own notes" >"$T/m/notes/n.txt"
(cd "$T/m" && "$MORGUE" build -q) >/dev/null 2>"$T/err"
check_eq "a foreign output directory: exit 3" "$?" 3
check_grep "the refusal names it" "notes: error: not replaced" "$T/err"
check_eq "its files are kept" "$(cat "$T/m/notes/n.txt")" "my own notes"
check "no site written" test ! -e "$T/m/notes/index.html"

# site.conf that is not a regular file: refused, not waited on.
site "$T/f" 'title = "T"'
rm "$T/f/site.conf" && mkfifo "$T/f/site.conf"
(cd "$T/f" && timeout 10 "$MORGUE" build -q) >/dev/null 2>"$T/err"
check_eq "a FIFO as site.conf: exit 3, at once" "$?" 3
check_grep "and says so" "site.conf: error: not a regular file" "$T/err"

# A template that is not a regular file: refused, never taken for a
# missing one (the built-in would stand in unasked); an asset: skipped.
site "$T/f" 'title = "T"'
rm "$T/f/templates/article.mustache" && mkfifo "$T/f/templates/article.mustache"
(cd "$T/f" && timeout 10 "$MORGUE" build -q --no-commit) >/dev/null 2>"$T/err"
check_eq "a FIFO as a template: exit 3, at once" "$?" 3
check_grep "and says so" \
    "templates/article.mustache: error: not a regular file" "$T/err"
rm "$T/f/templates/article.mustache"
cp "$TOP/templates/article.mustache" "$T/f/templates/"
rm "$T/f/templates/assets/site.css" && mkfifo "$T/f/templates/assets/site.css"
(cd "$T/f" && timeout 10 "$MORGUE" build -q --no-commit) >/dev/null 2>"$T/err"
check_eq "a FIFO as an asset: built without it" "$?" 0
check_grep "and said" \
    "templates/assets/site.css: warning: not a regular file, skipped" "$T/err"

finish
