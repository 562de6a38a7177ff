#!/bin/sh
# test_publish.sh: where `morgue publish` lands and when it refuses, with
# remotes that are bare repositories: site.conf's remote tables (a pages
# branch), --dry-run sending nothing, a remote that moved on refused,
# --force only with the lease (the remote is where the last publish left
# it), many remotes each tried and reported on its own line.
. tests/lib.sh
. tests/cli/archive/publish_lib.sh

command -v git >/dev/null || { skip "git is not installed"; finish; exit; }
S=$T/site
git init -q --bare "$T/a.git"
git init -q --bare "$T/b.git"
cat >"$S.conf" <<EOF2
title = "Publishing test"
rules = {}
archive = { remotes = { "$T/a.git", { url = "$T/b.git", branch = "pages" } } }
EOF2
mkdir -p "$S" && cp "$S.conf" "$S/site.conf"
site "$S" || { fail "the site builds" "see above"; finish; exit; }

# {==== a pages branch; the report
"$MORGUE" publish -C "$S" >"$T/out" 2>"$T/err"
check_eq "publish to both remotes" "$?" 0
check_eq "the first lands on archive" "$(git --git-dir="$T/a.git" rev-parse archive)" "$(head_of "$S")"
check_eq "the table's lands on pages" "$(git --git-dir="$T/b.git" rev-parse pages)" "$(head_of "$S")"
check_eq "and not on archive there" "$(git --git-dir="$T/b.git" rev-parse -q --verify archive)" ""
check_eq "one line per remote" "$(wc -l <"$T/out")" 2
check_grep "each names its branch" "^$T/b.git pages: created at [0-9a-f]{7}$" "$T/out"
check_eq "the last publish is recorded" \
    "$(git --git-dir="$S/archive.git" for-each-ref --format='%(objectname)' refs/remotes/ | sort -u)" \
    "$(head_of "$S")"

# {==== --dry-run sends nothing
revise "$S" "it was worth it"
refs "$T/a.git" >"$T/a.before"
refs "$T/b.git" >"$T/b.before"
"$MORGUE" publish -C "$S" --dry-run >"$T/out" 2>"$T/err"
check_eq "a dry run succeeds" "$?" 0
check_grep "it says what would be pushed" "^$T/b.git pages: would update [0-9a-f]{7}\.\.[0-9a-f]{7}$" "$T/out"
refs "$T/a.git" >"$T/a.after"
refs "$T/b.git" >"$T/b.after"
check "the first remote's refs are unchanged" cmp -s "$T/a.before" "$T/a.after"
check "the second remote's refs are unchanged" cmp -s "$T/b.before" "$T/b.after"
"$MORGUE" publish -C "$S" "$T/b.git" >"$T/out" 2>"$T/err"
check_eq "a remote named on the command line keeps site.conf's branch" \
    "$? $(git --git-dir="$T/b.git" rev-parse pages)" "0 $(head_of "$S")"
check_grep "a fast-forward is an update" "pages: updated [0-9a-f]{7}\.\.[0-9a-f]{7}$" "$T/out"

# {==== a remote that moved on; --force and its lease
other=$(git --git-dir="$T/b.git" commit-tree -m "someone else's" "pages^{tree}")
git --git-dir="$T/b.git" update-ref refs/heads/pages "$other"
"$MORGUE" publish -C "$S" "$T/b.git" >"$T/out" 2>"$T/err"
check_eq "a remote that moved on is refused" "$?" 1
check_grep "saying so" "pages has moved on \(it is at ${other%"${other#???????}"}" "$T/err"
"$MORGUE" publish -C "$S" --force "$T/b.git" >"$T/out" 2>"$T/err"
check_eq "--force over someone else's push is refused" "$?" 1
check_grep "the lease is named" "not at [0-9a-f]{7} where the last publish left it" "$T/err"
check_eq "the remote keeps their commit" "$(git --git-dir="$T/b.git" rev-parse pages)" "$other"
# The archive rewritten (a new root commit): the remote is where the
# last publish left it, so --force may replace it.
"$MORGUE" publish -C "$S" "$T/a.git" >/dev/null 2>&1
was=$(git --git-dir="$T/a.git" rev-parse archive)
new=$(git --git-dir="$S/archive.git" commit-tree -m rebuilt "archive^{tree}")
git --git-dir="$S/archive.git" update-ref refs/heads/archive "$new"
"$MORGUE" publish -C "$S" "$T/a.git" >"$T/out" 2>"$T/err"
check_eq "a rewritten archive is not pushed without --force" "$?" 1
"$MORGUE" publish -C "$S" --force --dry-run "$T/a.git" >"$T/out" 2>"$T/err"
check_eq "--force --dry-run says it would go" "$? $(git --git-dir="$T/a.git" rev-parse archive)" \
    "0 $was"
check_grep "as a forced update" "archive: would update [0-9a-f]{7}\.\.\.[0-9a-f]{7} \(forced" "$T/out"
"$MORGUE" publish -C "$S" --force "$T/a.git" >"$T/out" 2>"$T/err"
check_eq "--force with the lease held replaces it" \
    "$? $(git --git-dir="$T/a.git" rev-parse archive)" "0 $new"
check_grep "and says it forced" "archive: updated [0-9a-f]{7}\.\.\.[0-9a-f]{7} \(forced" "$T/out"
"$MORGUE" publish -C "$S" --force "$T/c.git" >"$T/out" 2>"$T/err"
check_eq "--force to a remote that cannot be reached fails" "$?" 1

# {==== many remotes: all tried, each reported, the status says any failed
git init -q --bare "$T/c.git"
cat >"$S/site.conf" <<EOF2
archive = { remotes = { "$T/c.git", "$T/no/such.git", { url = "$T/b.git", branch = "fresh" } } }
EOF2
"$MORGUE" publish -C "$S" >"$T/out" 2>"$T/err"
check_eq "one remote failing fails the publish" "$?" 1
check_eq "the others were published" \
    "$(git --git-dir="$T/c.git" rev-parse archive) $(git --git-dir="$T/b.git" rev-parse fresh)" \
    "$new $new"
check_eq "each success on its own line" "$(wc -l <"$T/out")" 2
check_grep "the failure names its remote" "^$T/no/such.git: error: " "$T/err"

# {==== site.conf's remote tables
printf 'archive = { remotes = { { branch = "pages" } } }\n' >"$S/site.conf"
"$MORGUE" publish -C "$S" >"$T/out" 2>"$T/err"
check_eq "a table without url is an error" "$?" 1
check_grep "naming it" "site.conf:1: error: archive.remotes: a remote's table has no url" "$T/err"
printf 'archive = { remotes = { { url = "%s", branch = "../x" } } }\n' "$T/b.git" >"$S/site.conf"
"$MORGUE" publish -C "$S" >"$T/out" 2>"$T/err"
check_grep "a bad branch name is an error" "archive.remotes.branch: not a valid branch name" "$T/err"
printf 'archive = { remotes = { { url = "%s", brnach = "x" } } }\n' "$T/b.git" >"$S/site.conf"
"$MORGUE" publish -C "$S" --dry-run >"$T/out" 2>"$T/err"
check_grep "an unknown key is a warning" "unknown key archive.remotes.brnach ignored" "$T/err"

finish
