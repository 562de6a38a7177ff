# tests/golden/test_golden.sh [--regen]: the golden files. Each input of
# tests/golden/in/ (articles written for these tests) has its expected
# output in tests/golden/out/: NAME.json (`morgue parse --json`), NAME.md
# (`morgue parse --md`), NAME.err (the diagnostics of parse, then its
# exit status) and NAME.html (the article's page in a site built from all
# the inputs, without rules or related stories, at a fixed build time).
# Each is compared byte for byte. --regen (`make regen`) writes them
# instead, so that `git diff tests/golden` shows what a change did.
#
# tests/golden/KNOWN lists expected files that say what is right while
# the code still gets it wrong ("NAME.json: why"): a difference there is
# a skip that says why, and regen leaves the file alone.
. tests/lib.sh

G=$TOP/tests/golden
regen=
[ "$1" = "--regen" ] && regen=1
export SOURCE_DATE_EPOCH=1735689600 TZ=UTC LC_ALL=C.UTF-8

# The outputs, made into $T/out.
mkdir -p "$T/out" "$T/site/content"
for f in "$G"/in/*; do
	name=${f##*/}
	base=${name%.*}
	(cd "$G/in" && "$MORGUE" parse --json "$name") >"$T/out/$base.json" \
	    2>"$T/out/$base.err"
	echo "exit: $?" >>"$T/out/$base.err"
	(cd "$G/in" && "$MORGUE" parse --md "$name") >"$T/out/$base.md" \
	    2>/dev/null
	cp "$f" "$T/site/content/"
done
cp -R "$TOP/templates" "$T/site/"
cat >"$T/site/site.conf" <<'CONF'
title = "Golden"
base_url = "http://example.org/"
rules = {}
related = { count = 0 }
CONF
"$MORGUE" build -C "$T/site" --no-commit -q >/dev/null 2>"$T/build.err"
rc=$?
# An input with errors makes the build exit 1; anything else is wrong.
if [ "$rc" -gt 1 ]; then
	fail "the golden site builds" "exit $rc: $(head -3 "$T/build.err")"
fi
python3 - "$T/site/public" "$T/out" <<'PY'
import json, os, shutil, sys
pub, out = sys.argv[1], sys.argv[2]
with open(os.path.join(pub, "articles.json"), encoding="utf-8") as f:
    arts = json.load(f)
for a in arts:
    base = os.path.splitext(os.path.basename(a["path"]))[0]
    shutil.copyfile(os.path.join(pub, a["permalink"], "index.html"),
                    os.path.join(out, base + ".html"))
PY

known() {	# FILE: the reason it is listed in KNOWN, or nothing
	sed -n "s/^$1: //p" "$G/KNOWN" 2>/dev/null
}

if [ -n "$regen" ]; then
	mkdir -p "$G/out"
	for f in "$T"/out/*; do
		name=${f##*/}
		if [ -n "$(known "$name")" ]; then
			echo "kept $name (KNOWN: $(known "$name"))"
		else
			cp "$f" "$G/out/$name"
		fi
	done
	echo "regenerated tests/golden/out; review with git diff tests/golden"
	exit 0
fi

n=0
for want in "$G"/out/*; do
	name=${want##*/}
	n=$((n + 1))
	why=$(known "$name")
	if [ ! -f "$T/out/$name" ]; then
		fail "$name" "not made (an input without its outputs?)"
	elif cmp -s "$want" "$T/out/$name"; then
		ok "$name"
		[ -n "$why" ] && echo "note: $name is right now: drop it from KNOWN"
	elif [ -n "$why" ]; then
		skip "$name: known wrong: $why"
	else
		fail "$name" "differs from the golden file (make regen, git diff)"
		diff -u "$want" "$T/out/$name" | head -20 | sed 's/^/  | /'
	fi
done
for got in "$T"/out/*; do
	[ -f "$G/out/${got##*/}" ] ||
	    fail "${got##*/}" "no golden file: make regen, review, commit"
done
check "20 golden files or more" [ "$n" -ge 20 ]

finish
