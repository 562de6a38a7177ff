#!/bin/sh
# bench_parse_quality.sh: how right the parser is, beside how fast: the
# body found in whole web pages (F1, precision and recall of 4-word
# shingles against the hand-marked body, the public benchmark's measure)
# and the fields of the labelled articles, all and per source. Prints
# figures; passes or fails nothing.
#   make bench, or: make all && sh tests/bench/bench_parse_quality.sh
: "${BUILD:=build}"
bin=${MORGUE:-$BUILD/morgue}
if [ ! -x "$bin" ]; then
	echo "bench_parse_quality: $bin is not built (make all)"
	exit 0
fi
if [ -z "$SHARED" ] || [ ! -d "$SHARED/corpus" ]; then
	echo "bench_parse_quality: ../shared is absent; nothing to measure"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
cmd="$bin parse --json"

if [ -f "$SHARED/corpus/labels-web-dev.json" ]; then
	echo "body of whole web pages (labels-web-dev.json):"
	python3 "$SHARED/tools/score-body" "$SHARED/corpus/labels-web-dev.json" \
	    "$SHARED/corpus/web-pages" --cmd "$cmd" | sed 's/^/  /'
	python3 "$SHARED/tools/score-body" "$SHARED/corpus/labels-web-dev.json" \
	    "$SHARED/corpus/web-pages" --whole | tail -1 |
	    sed 's/^/  the whole page as body: /'
fi
[ -f "$SHARED/corpus/labels-dev.json" ] || exit 0
echo "fields of labelled articles (labels-dev.json):"
python3 "$SHARED/tools/score-parse" "$SHARED/corpus/labels-dev.json" \
    "$SHARED/corpus" --cmd "$cmd" | tail -2 | sed 's/ (min [0-9.]*)//; s/^/  /'
# Per source: the labels of each corpus folder scored alone.
python3 - "$SHARED/corpus/labels-dev.json" "$T" <<'PY' |
import json, sys
labels = json.load(open(sys.argv[1], encoding="utf-8"))
by = {}
for path, want in labels.items():
    by.setdefault(path.split("/")[0], {})[path] = want
for src, part in sorted(by.items()):
    json.dump(part, open("%s/%s.json" % (sys.argv[2], src), "w"))
    print(src)
PY
while read -r src; do
	r=$(python3 "$SHARED/tools/score-parse" "$T/$src.json" "$SHARED/corpus" \
	    --cmd "$cmd" | tail -1 | sed "s/ (min [0-9.]*)//")
	printf '  %-20s %s\n' "$src" "$r"
done
