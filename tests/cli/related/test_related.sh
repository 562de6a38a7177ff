#!/bin/sh
# test_related.sh: syndicated copies, related stories, story threads and
# inferred dates as `morgue build` writes them: public/articles.json and
# the front matter of each index.md.
#
# The example site has threads (a flood over three reports; a strike and
# the deal that ended it), a syndicated pair and an undated copy. With ../shared: the seeds (000
# and 001 are one AFP story, 001 undated) and 3000 generated articles,
# whose manifest says which article is a copy of which.
. tests/lib.sh

# site DIR [CONTENT...]: a site in DIR with the example configuration,
# rules and templates, and the given content (default: the example's).
site() {
	dir=$1
	shift
	mkdir -p "$dir/content"
	cp "$TOP/site.conf" "$dir/"
	[ -d "$TOP/lua" ] && cp -R "$TOP/lua" "$dir/"
	[ -d "$TOP/templates" ] && cp -R "$TOP/templates" "$dir/"
	if [ $# -eq 0 ]; then cp "$TOP"/content/*.txt "$dir/content/"
	else cp "$@" "$dir/content/"; fi
}

build() {	# NAME DIR
	"$MORGUE" build -C "$2" --no-commit 2>"$T/$1.err"
	rc=$?
}

# Checks that hold on any site: written to stdout as `ok NAME` lines or
# `FAIL NAME: why`, which count like the shell's own checks.
cat >"$T/common.py" <<'EOF'
import datetime, json, os, re, sys

def load(site):
    return json.load(open(os.path.join(site, "public", "articles.json"),
                          encoding="utf-8"))

def by_link(v):
    return {o["permalink"]: o for o in v}

LABEL = ""

def report(name, problems):
    name = LABEL + name
    if problems:
        print("FAIL %s: %s" % (name, "; ".join(problems[:5])))
    else:
        print("ok " + name)

def common(v, label):
    global LABEL
    LABEL = label + ": "
    links = by_link(v)
    p = []
    for o in v:
        me = o["permalink"]
        if me in o["related"]:
            p.append("%s lists itself as related" % o["path"])
        if me in o["syndicated"]:
            p.append("%s lists itself as a copy" % o["path"])
        if len(set(o["related"])) != len(o["related"]):
            p.append("%s: a story twice in related" % o["path"])
        for k in o["related"] + o["syndicated"]:
            if k not in links:
                p.append("%s: %s is no article" % (o["path"], k))
    report("nobody is related to itself; links lead to articles", p)
    p = []
    for o in v:
        for k in o["syndicated"]:
            if o["permalink"] not in links[k]["syndicated"]:
                p.append("%s -> %s one way only" % (o["path"], k))
        if (o["date_inferred"] and
                not any(links[k]["date"] == o["date"] and
                        not links[k]["date_inferred"]
                        for k in o["syndicated"])):
            p.append("%s: inferred date %s from no copy" % (o["path"],
                                                           o["date"]))
    report("copies are mutual; an inferred date is a copy's", p)
    p = []
    for o in v:
        r = o.get("related_reasons")
        if not isinstance(r, list) or len(r) != len(o["related"]):
            p.append("%s: no reason per related story" % o["path"])
            continue
        for k, why in zip(o["related"], r):
            if not isinstance(why, str) or not why.strip():
                p.append("%s: empty reason" % o["path"])
            elif k in o["syndicated"] and not why.startswith("same "):
                p.append("%s: a copy's reason is %r" % (o["path"], why))
            elif (k not in o["syndicated"] and
                  not re.match(r"^(follow-up|earlier report)"
                               r"(, same day|, \d+ days? (later|before))?"
                               r"(; also about: .+)?$"
                               r"|^also about: .+$"
                               r"|^published around the same time$", why)):
                p.append("%s: reason %r" % (o["path"], why))
    report("each related story has a reason a reader can read", p)
    p = []
    for o in v:
        for key, back in (("thread_next", "thread_prev"),
                          ("thread_prev", "thread_next")):
            k = o.get(key, "missing")
            if k is None:
                continue
            if k not in links:
                p.append("%s: %s %r" % (o["path"], key, k))
                continue
            t = links[k]
            # A story carried by several outlets is one step of its
            # thread: the way back may lead to another copy of it.
            if t[back] != o["permalink"] and t[back] not in o["syndicated"]:
                p.append("%s: %s is not linked back" % (o["path"], key))
            if k not in o["related"]:
                p.append("%s: %s is not among related" % (o["path"], key))
            # The thread orders stories by their first report.
            later = key == "thread_next"
            first = min([o["date"]] + [links[c]["date"]
                                       for c in o["syndicated"]])
            if (t["date"] > first) != later:
                p.append("%s: %s is not %s" % (o["path"], key,
                         "later" if later else "earlier"))
    report("threads run forward in time, linked both ways", p)
    p = []
    for o in v:
        for k, why in zip(o["related"], o["related_reasons"]):
            t = links[k]
            m = re.match(r"^(follow-up|earlier report)(, same day|, (\d+) "
                         r"days? (later|before))?", why)
            if not m:
                continue
            if not o["date"] or not t["date"]:
                if m.group(2):
                    p.append("%s: %r without dates" % (o["path"], why))
                continue
            d = (datetime.date.fromisoformat(t["date"]) -
                 datetime.date.fromisoformat(o["date"])).days
            want = ("follow-up" if d > 0 else "earlier report") + (
                ", %d day%s %s" % (abs(d), "" if abs(d) == 1 else "s",
                                   "later" if d > 0 else "before")
                if d else ", same day")
            if (d != 0 and not why.startswith(want)) or \
                    (d == 0 and not why.endswith(", same day") and
                     ", same day;" not in why):
                p.append("%s -> %s: %r, %d days" % (o["path"], t["path"],
                                                    why, d))
    report("follow-ups say how many days apart they are", p)
EOF

# runpy NAME SCRIPT ARGS...: runs a check script and counts its lines.
runpy() {
	out=$T/$1.out
	shift
	python3 "$@" >"$out" 2>&1 || echo "FAIL $1: python died" >>"$out"
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) name=${line#FAIL }; fail "${name%%: *}" "${name#*: }" ;;
		"skip: "*) skip "${line#skip: }" ;;
		*) echo "  | $line" ;;
		esac
	done <"$out"
}

# --- The example site ---------------------------------------------------
site "$T/ex"
build ex "$T/ex"
check_eq "example site builds" "$rc" 0
cat >"$T/ex.py" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from common import *
v = load(sys.argv[2])
common(v, "example")
path = {o["path"]: o for o in v}
links = by_link(v)
# 07 and 08 carry one Meridian Press story; 08 gives no date of its own.
a, b = path["07-peace-talks-herald.txt"], path["08-peace-talks-courier.txt"]
report("the syndicated pair is one story",
       [] if a["syndicated"] == [b["permalink"]] and
       b["syndicated"] == [a["permalink"]] else
       ["07 %r, 08 %r" % (a["syndicated"], b["syndicated"])])
report("the undated copy takes the date of the dated one",
       [] if b["date"] == a["date"] == "2025-06-03" and b["date_inferred"]
       and not a["date_inferred"] else ["08: %r %r" % (b["date"],
                                                      b["date_inferred"])])
report("no other article is a copy",
       ["%s: %r" % (o["path"], o["syndicated"]) for o in v
        if o is not a and o is not b and o["syndicated"]])
# The flood: the warning, the evacuation a day later, the clean-up three
# days after that: one thread, walked in order.
f = [path["0%d-%s.txt" % x] for x in ((1, "sarn-flood-warning"),
     (2, "sarn-flood-evacuation"), (3, "flood-cleanup-costs"))]
p = []
for a, b in zip(f, f[1:]):
    if a["thread_next"] != b["permalink"] or b["thread_prev"] != a["permalink"]:
        p.append("%s next %r" % (a["path"], a["thread_next"]))
if f[0]["thread_prev"] is not None or f[2]["thread_next"] is not None:
    p.append("the thread goes on: %r, %r" % (f[0]["thread_prev"],
                                            f[2]["thread_next"]))
if not p:
    why = f[0]["related_reasons"][f[0]["related"].index(f[1]["permalink"])]
    if not why.startswith("follow-up, 1 day later; also about: "):
        p.append("01 -> 02: %r" % why)
report("the flood reports are one thread, in order", p)
# The strike and the deal five days later share the people and topics
# the rules tag them with.
s, e = path["05-transit-strike-begins.txt"], path["06-transit-strike-ends.txt"]
if s["people"] and e["people"]:
    report("the strike and its end are one thread",
           [] if s["thread_next"] == e["permalink"] and
           e["thread_prev"] == s["permalink"] else
           ["05 next %r, 06 prev %r" % (s["thread_next"], e["thread_prev"])])
report("every article has related stories",
       [o["path"] for o in v if not o["related"]])
EOF
runpy ex "$T/ex.py" "$T" "$T/ex"

# The same content in reverse order builds the same articles.json.
mkdir -p "$T/rev/content"
cp "$TOP/site.conf" "$T/rev/"
[ -d "$TOP/lua" ] && cp -R "$TOP/lua" "$T/rev/"
[ -d "$TOP/templates" ] && cp -R "$TOP/templates" "$T/rev/"
for f in $(cd "$TOP/content" && ls -r -- *.txt); do
	cp "$TOP/content/$f" "$T/rev/content/"
done
build rev "$T/rev"
check "articles.json does not depend on the order of the files" \
    cmp -s "$T/ex/public/articles.json" "$T/rev/public/articles.json"

if ! need_shared; then
	skip "../shared is absent: no seeds, no generator"
	finish
	exit $?
fi

# --- The seeds ----------------------------------------------------------
site "$T/seeds" "$SHARED"/corpus/seeds/*.txt
build seeds "$T/seeds"
check_eq "the seeds build" "$rc" 0
cat >"$T/seeds.py" <<'EOF'
import os, sys
sys.path.insert(0, sys.argv[1])
from common import *
site = sys.argv[2]
v = load(site)
common(v, "seeds")
seed = {o["path"][:3]: o for o in v}
s0, s1 = seed["000"], seed["001"]
report("000 and 001 are copies of each other",
       [] if s0["syndicated"] == [s1["permalink"]] and
       s1["syndicated"] == [s0["permalink"]] else
       ["000 %r, 001 %r" % (s0["syndicated"], s1["syndicated"])])
report("no other seed is a copy",
       ["%s: %r" % (o["path"], o["syndicated"]) for o in v
        if o["path"][:3] not in ("000", "001") and o["syndicated"]])
report("every seed has related stories",
       [o["path"] for o in v if not o["related"]])
report("001 is dated 2021-12-01, inferred; 000 by its text",
       [] if (s1["date"], s1["date_inferred"], s0["date"],
              s0["date_inferred"]) == ("2021-12-01", True, "2021-12-01", False)
       else ["000 %r %r, 001 %r %r" % (s0["date"], s0["date_inferred"],
                                       s1["date"], s1["date_inferred"])])
report("000 and 001 list each other first, as the same AFP story",
       [] if s0["related"][0] == s1["permalink"] and
       s1["related"][0] == s0["permalink"] and
       s0["related_reasons"][0] == s1["related_reasons"][0] ==
       "same AFP story" else [repr(s0["related_reasons"])])
# The pages' front matter says the same as articles.json.
try:
    import yaml
except ImportError:
    print("skip: python3-yaml is absent; front matter not read")
    sys.exit(0)
p = []
for o in v:
    text = open(os.path.join(site, "public", o["permalink"], "index.md"),
                encoding="utf-8").read()
    fm = yaml.safe_load(text.split("---\n")[1])
    if str(fm.get("date")) != str(o["date"]) and o["date"]:
        p.append("%s: date %r" % (o["path"], fm.get("date")))
    if fm.get("syndicated", []) != o["syndicated"]:
        p.append("%s: syndicated %r" % (o["path"], fm.get("syndicated")))
    if fm.get("related", []) != o["related"]:
        p.append("%s: related %r" % (o["path"], fm.get("related")))
    if bool(fm.get("date_inferred", False)) != o["date_inferred"]:
        p.append("%s: date_inferred %r" % (o["path"],
                                           fm.get("date_inferred")))
report("front matter: date, date_inferred, related, syndicated", p)
EOF
runpy seeds "$T/seeds.py" "$T" "$T/seeds"

# --- 3000 generated articles ---------------------------------------------
if python3 "$SHARED/bench/gen_corpus.py" --n 3000 --seed 7 --out "$T/gen" \
    --no-hugo >/dev/null 2>&1; then
	mkdir -p "$T/g"
	mv "$T/gen/raw" "$T/g/content"
	printf 'title = "generated"\n' >"$T/g/site.conf"
	cp -R "$TOP/templates" "$TOP/lua" "$T/g/"
	build gen "$T/g"
	check_eq "3000 generated articles build" "$rc" 0
	cat >"$T/gen.py" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
from common import *
v = load(sys.argv[2])
common(v, "generated")
root = {}
for line in open(sys.argv[3], encoding="utf-8"):
    m = json.loads(line)
    root[m["id"]] = m["dup_of"] if m["dup_of"] is not None else m["id"]
ident = {o["permalink"]: int(o["path"].split(".")[0]) for o in v}
found = set()
for o in v:
    for k in o["syndicated"]:
        found.add(tuple(sorted((ident[o["permalink"]], ident[k]))))
groups = {}
for i in ident.values():
    groups.setdefault(root[i], []).append(i)
truth = set()
for g in groups.values():
    g.sort()
    truth.update((a, b) for x, a in enumerate(g) for b in g[x + 1:])
right = len(found & truth)
prec = right / len(found) if found else 0.0
rec = right / len(truth) if truth else 0.0
print("  copy pairs: %d found, %d true, %d right: precision %.4f, "
      "recall %.4f" % (len(found), len(truth), right, prec, rec))
report("precision of syndicated >= 0.95",
       [] if prec >= 0.95 else ["%.4f" % prec])
report("recall of syndicated >= 0.95",
       [] if rec >= 0.95 and len(truth) > 100 else
       ["%.4f of %d pairs" % (rec, len(truth))])
EOF
	runpy gen "$T/gen.py" "$T" "$T/g" "$T/gen/manifest.jsonl"
else
	fail "gen_corpus.py --n 3000 --seed 7" "the generator failed"
fi

finish
