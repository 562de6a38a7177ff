#!/bin/sh
# test_parse_content.sh: `morgue parse --json` on the example articles of
# content/, field by field against the labels a careful reader gives them
# (tests/fixtures/content-labels.json). A label FIELD_alt lists other
# acceptable answers; body_has and body_lacks are sentences that must and
# must not be in the paragraphs. Strings are compared with case and runs
# of spaces folded, as the corpus scorer does. Each wrong field is named.
. tests/lib.sh

labels=tests/fixtures/content-labels.json
for f in content/*.txt; do
	b=$(basename "$f")
	"$MORGUE" parse --json "$f" >"$T/$b.json" 2>"$T/$b.err"
	check "$b: parses" [ -s "$T/$b.json" ]
	python3 - "$labels" "$b" "$T/$b.json" >"$T/$b.out" <<'PY'
import json, re, sys
labels, name, out = sys.argv[1], sys.argv[2], sys.argv[3]
want = json.load(open(labels, encoding="utf-8"))[name]
got = json.load(open(out, encoding="utf-8"))

def norm(v):
    if isinstance(v, str):
        return re.sub(r"\s+", " ", v).strip().casefold()
    if isinstance(v, list):
        return [norm(x) for x in v]
    return v

for field in ("title", "authors", "agency", "date", "dateline", "source",
              "url", "subheads", "captions", "key_points"):
    if field not in want:
        continue
    ok = [want[field]] + want.get(field + "_alt", [])
    if norm(got.get(field)) in [norm(x) for x in ok]:
        print("ok\t%s" % field)
    else:
        print("FAIL\t%s\tgot %s, want %s" % (field,
              json.dumps(got.get(field), ensure_ascii=False),
              json.dumps(want[field], ensure_ascii=False)))
body = norm("\n".join(got.get("paragraphs") or []))
for s in want.get("body_has", []):
    print("%s\tbody has %s\tnot in the paragraphs" % (
          "ok" if norm(s) in body else "FAIL", json.dumps(s, ensure_ascii=False)))
for s in want.get("body_lacks", []):
    print("%s\tbody lacks %s\tleft in the paragraphs" % (
          "FAIL" if norm(s) in body else "ok", json.dumps(s, ensure_ascii=False)))
PY
	tab=$(printf '\t')
	while IFS=$tab read -r verdict what why; do
		case $verdict in
		ok) ok "$b: $what" ;;
		FAIL) fail "$b: $what" "$why" ;;
		*) fail "$b: checker" "$verdict $what $why" ;;
		esac
	done <"$T/$b.out"
	check "$b: checker ran" [ -s "$T/$b.out" ]
done
finish
