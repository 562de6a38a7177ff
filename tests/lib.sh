# tests/lib.sh: sourced by every tests/cli/STAGE/test_*.sh.
#
# Environment from tests/run.sh: MORGUE (the binary), SHARED (../shared, or
# empty when it is absent), SANITIZED (non-empty under ASan + UBSan).
# Each check prints `ok NAME` or `FAIL NAME: why`, each skip `skip: why`;
# finish prints the summary line, `N passed, N failed, N skipped`. Every
# test works in its own temporary directory.

: "${MORGUE:=$(pwd)/morgue}"
TOP=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
skipped=0

ok() { passed=$((passed + 1)); echo "ok $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else fail "$name" "command failed: $*"; fi
}

# check_eq NAME GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got '$2', want '$3'"; fi
}

# check_grep NAME PATTERN FILE: FILE has a line matching PATTERN (ERE).
check_grep() {
	if grep -qE -- "$2" "$3"; then ok "$1"; else
		fail "$1" "no line matching '$2' in $3"; sed 's/^/  | /' "$3" | head -20; fi
}

# check_nogrep NAME PATTERN FILE
check_nogrep() {
	if grep -qE -- "$2" "$3"; then fail "$1" "'$2' found in $3"; else ok "$1"; fi
}

# skip WHY: a check that cannot run here says why, and is counted.
skip() { skipped=$((skipped + 1)); echo "skip: $*"; }

need_shared() {
	[ -n "$SHARED" ] && [ -d "$SHARED" ]
}

finish() {
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
}
