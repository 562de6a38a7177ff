#!/bin/sh
# test_feedback.sh: what morgue tells its user: one line per stage with
# -v and nothing but diagnostics otherwise (stderr is no terminal here),
# parse of a missing file an error, and publish's messages: a missing
# path, a line per push, a remote that moved on (refused, and --force
# refused too when no publish saw its commit).
. tests/lib.sh

"$MORGUE" new "$T/s" 2>/dev/null

# {==== progress

"$MORGUE" build -C "$T/s" -v 2>"$T/v.err"
check_eq "build -v exits 0" $? 0
for stage in parse rules related write render commit; do
	check_grep "build -v: a line for $stage" \
	    "^morgue: $stage: [0-9]+ [a-z ]+ in [0-9]+\\.[0-9]{2} s, [0-9]+/s\$" \
	    "$T/v.err"
done
check_grep "the parse line counts the articles" \
    '^morgue: parse: 2 articles in' "$T/v.err"
check_grep "the render line counts the pages" \
    '^morgue: render: [1-9][0-9]* pages in' "$T/v.err"
check_grep "a first commit counts the files it looked at" \
    '^morgue: commit: [1-9][0-9]* files in' "$T/v.err"
echo "One more line." >>"$T/s/content/first-ferry.txt"
"$MORGUE" build -C "$T/s" 2>"$T/q.err"
check_eq "a build without -v" $? 0
check_eq "says nothing when stderr is not a terminal" "$(cat "$T/q.err")" ""
check_nogrep "and writes no bar" "$(printf '\r')" "$T/q.err"

# On a terminal (script(1) gives the build one), each stage's bar counts
# up to its total: the counts come from the stages themselves.
if command -v script >/dev/null 2>&1; then
	echo "A third line." >>"$T/s/content/first-ferry.txt"
	(cd "$T/s" && script -qec "\"$MORGUE\" build" /dev/null) \
	    </dev/null >"$T/tty.out" 2>&1
	check_eq "a build on a terminal exits 0" $? 0
	tr '\r' '\n' <"$T/tty.out" >"$T/tty.txt"
	for stage in parse rules related; do
		check_grep "the $stage bar reaches its total" \
		    "morgue: $stage +\\[#{24}\\] 2/2 articles, [0-9]+/s" \
		    "$T/tty.txt"
	done
	check_grep "the render bar counts pages" \
	    'morgue: render +[0-9]+ pages, [0-9]+/s' "$T/tty.txt"
	check_grep "the commit bar counts files" \
	    'morgue: commit +(\[[#-]{24}\] [0-9]+/[0-9]+ changed )?files' \
	    "$T/tty.txt"
	check_nogrep "no line is left behind without -v" \
	    '^morgue: [a-z]+: [0-9]+ [a-z ]+ in ' "$T/tty.txt"
else
	skip "no script(1) to give the build a terminal"
fi

# ====}

# {==== parse

"$MORGUE" parse "$T/no-such-file.txt" >"$T/p.out" 2>"$T/p.err"
check_eq "parse of a missing file exits 1" $? 1
check_grep "and says it is an error" \
    "no-such-file.txt: error: cannot read: No such file or directory" \
    "$T/p.err"
check_eq "and prints nothing" "$(cat "$T/p.out")" ""

# ====}

# {==== publish

"$MORGUE" publish -C "$T/s" "$T/nowhere/r.git" 2>"$T/m.err"
check_eq "publish to a missing path fails" $? 1
check_grep "and says what to do" \
    "nowhere/r.git: error: no repository at this path: make one with .git init --bare" \
    "$T/m.err"
check_nogrep "not an unsupported protocol" 'protocol' "$T/m.err"

git init -q --bare "$T/r.git"
"$MORGUE" publish -C "$T/s" "$T/r.git" >"$T/ok.out" 2>"$T/ok.err"
check_eq "publish succeeds" $? 0
check_eq "with no warning" "$(cat "$T/ok.err")" ""
check_grep "and a line that says what it did" "r.git archive: created at" \
    "$T/ok.out"
echo "And another." >>"$T/s/content/first-ferry.txt"
"$MORGUE" build -C "$T/s" 2>/dev/null
"$MORGUE" publish -C "$T/s" "$T/r.git" >"$T/v2.out" 2>"$T/v2.err"
check_eq "publish again succeeds" $? 0
new=$(git --git-dir="$T/s/archive.git" rev-parse archive)
check_grep "and says what it published" \
    "r.git archive: updated [0-9a-f]*\.\.$(echo "$new" | cut -c1-7)" \
    "$T/v2.out"
check_eq "the remote has the new commit" \
    "$(git --git-dir="$T/r.git" rev-parse archive)" "$new"

# The remote moves on: a commit made there, which no publish saw.
git clone -q -b archive "$T/r.git" "$T/w" 2>/dev/null
git -C "$T/w" -c user.name=x -c user.email=x@x commit -q --allow-empty -m other
git -C "$T/w" push -q origin archive 2>/dev/null
theirs=$(git --git-dir="$T/r.git" rev-parse archive)
"$MORGUE" publish -C "$T/s" "$T/r.git" 2>"$T/nf.err"
check_eq "publish to a remote that moved on fails" $? 1
check_grep "and says what to do" "moved on.*publish --force" "$T/nf.err"
check_eq "the remote keeps its commit" \
    "$(git --git-dir="$T/r.git" rev-parse archive)" "$theirs"
"$MORGUE" publish -C "$T/s" --force "$T/r.git" 2>"$T/f.err"
check_eq "--force does not replace a commit no publish saw" $? 1
check_eq "the remote still keeps its commit" \
    "$(git --git-dir="$T/r.git" rev-parse archive)" "$theirs"

# ====}
finish
