#!/bin/sh
# tests/run.sh BUILD | --all
#
# Runs every test against the binaries of one build directory: the unit
# test programs (build/tests/STAGE/test_*) and the command-line tests
# (tests/cli/STAGE/test_*.sh) and the golden files (tests/golden). Each
# prints `N passed, N failed, N skipped`; this script adds them up and ends
# with the total, `N passed, N failed, N skipped`. --all runs the plain
# build, then the ASan + UBSan one (build-asan), and prints the grand
# total. A program that dies without its summary line counts as one
# failure.

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
total_pass=0
total_fail=0
total_skip=0

run_one() {	# name command...
	name=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -20
		echo "$name: died (exit $rc) without a summary"
		p=0 f=1 s=0
	else
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed*}
		case $line in
		*" skipped"*) s=${line#*failed, }; s=${s%% skipped*} ;;
		*) s=0 ;;
		esac
		if [ "$f" -ne 0 ] || [ "$rc" -ne 0 ]; then
			printf '%s\n' "$out" | grep -vE '^(ok|PASS) ' | tail -40
			[ "$f" -eq 0 ] && f=1
		fi
		echo "$name: $p passed, $f failed, $s skipped"
		[ "$s" -ne 0 ] && printf '%s\n' "$out" | grep '^skip: ' |
		    sed 's/^/  /'
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
}

run_suite() {	# build-dir
	build=$1
	export MORGUE="$top/$build/morgue" BUILD="$build"
	case $build in *asan*) export SANITIZED=1 ;; *) export SANITIZED= ;; esac
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	if [ -d "$top/../shared" ]; then
		export SHARED="$(cd "$top/../shared" && pwd)"
	else
		export SHARED=
		echo "note: ../shared is absent; tests that need it skip"
	fi
	export TZ=UTC LC_ALL=C.UTF-8
	echo "== $build"
	for t in "$build"/tests/*/test_*; do
		[ -x "$t" ] || continue
		if [ -n "$VALGRIND" ]; then
			run_one "${t#"$build"/tests/}" valgrind -q \
			    --error-exitcode=1 --leak-check=full "$t"
		else
			run_one "${t#"$build"/tests/}" "$t"
		fi
	done
	for t in tests/cli/*/test_*.sh; do
		[ -f "$t" ] || continue
		run_one "${t#tests/}" timeout 900 sh "$t"
	done
	run_one golden/test_golden.sh timeout 900 sh tests/golden/test_golden.sh
}

if [ "$1" = "--all" ]; then
	run_suite build
	run_suite build-asan
else
	run_suite "${1:-build}"
fi
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
