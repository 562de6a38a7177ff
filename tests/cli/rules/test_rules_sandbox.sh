#!/bin/sh
# test_rules_sandbox.sh: hostile rules (HOSTILE rows 45-58). Each runs at
# load time (exit 3, nothing printed) and inside an article function (a
# diagnostic naming the rule file and the article, exit 1, the other
# article and the other rules unaffected), within seconds.
. tests/lib.sh

S=$T/site
mkdir -p "$S/lua" "$S/content"
cat >"$S/content/a.txt" <<'EOF'
Envoys meet in Vellmar as talks resume

By Test Writer

VELLMAR – Mayor Ilse Draven welcomed the envoy Pieter Anselm on Tuesday, as the two delegations returned to the table for a second round of talks.

Anselm said both sides had agreed on an agenda, and that the talks would go on for as long as they needed to.
EOF
sed 's/second round/third round/' "$S/content/a.txt" >"$S/content/b.txt"

# The rule after the hostile one: tags only when the state is pristine.
cat >"$S/lua/after.lua" <<'EOF'
function article(a)
	if ("abc"):upper() == "ABC" and string.upper("x") == "X" and
	    leaked == nil and rawget(_G, "leaked") == nil and
	    tostring(nil) == "nil" and math.floor(1.5) == 1 and
	    type(string.find) == "function" then
		a:tag("topics", "clean state")
	end
end
EOF

elapsed() { echo $(($(date +%s) - start)); }

# load_case NAME LUA: the rule file itself is hostile.
load_case() {
	printf '%s\n' "$2" >"$S/lua/x.lua"
	start=$(date +%s)
	(cd "$S" && "$MORGUE" explain -r lua/x.lua -r lua/after.lua \
	    content/a.txt) >"$T/out" 2>"$T/err"
	rc=$?
	check_eq "load $1: exit 3" "$rc" 3
	check_grep "load $1: names the rule file" '^lua/x\.lua:[0-9]+: error: ' \
	    "$T/err"
	check_eq "load $1: nothing printed" "$(wc -c <"$T/out")" 0
	if [ "$(elapsed)" -lt 10 ]; then ok "load $1: within 10 s"; else
		fail "load $1: within 10 s" "took $(elapsed) s"; fi
}

# article_case NAME LUA: an article function runs LUA on a.txt only.
article_case() {
	cat >"$S/lua/x.lua" <<EOF
function article(a)
	if a.path:find("a.txt", 1, true) then
		$2
	end
	a:tag("topics", "survived")
end
EOF
	start=$(date +%s)
	(cd "$S" && "$MORGUE" explain -r lua/x.lua -r lua/after.lua \
	    content/a.txt content/b.txt) >"$T/out" 2>"$T/err"
	rc=$?
	check_eq "article $1: exit 1" "$rc" 1
	check_grep "article $1: diagnostic" \
	    '^lua/x\.lua:[0-9]+: error: .*\(article: content/a\.txt\)$' "$T/err"
	check_eq "article $1: one diagnostic" "$(grep -c error "$T/err")" 1
	check_eq "article $1: next article unaffected" \
	    "$(sed -n '/^path: *content\/b.txt/,$p' "$T/out" |
	    grep -cE 'survived|clean state')" 2
	check_eq "article $1: other rules still run on it" \
	    "$(sed -n '1,/^links/p' "$T/out" | grep -c 'clean state')" 1
	check_eq "article $1: the rule skipped on that article" \
	    "$(sed -n '1,/^links/p' "$T/out" | grep -c 'survived')" 0
	if [ "$(elapsed)" -lt 10 ]; then ok "article $1: within 10 s"; else
		fail "article $1: within 10 s" "took $(elapsed) s"; fi
}

# 45: a loop, also one that swallows the timeout with pcall.
load_case loop 'while true do end'
article_case loop 'while true do end'
load_case pcall-loop 'while true do pcall(function() while true do end end) end'
article_case pcall-loop 'while true do pcall(error, "x") end'
check_grep "45: says the budget" 'rule exceeded 2 s' "$T/err"
# 47: backtracking inside one C call: the watchdog kills the worker.
load_case backtrack 'local s = ("a"):rep(600); return s:find(".-.-.-x")'
article_case backtrack 'local s = ("a"):rep(600); return s:find(".-.-.-x")'
check_grep "47: names the line of the find" '^lua/x\.lua:3: ' "$T/err"
article_case body-backtrack 'return (a.text:rep(40)):find(".-.-.-.-\1")'
# 48, 49: memory.
load_case rep-2^40 'local s = string.rep("x", 2^40)'
article_case rep-2^40 'local s = string.rep("x", 2^40)'
check_grep "49: resulting string too large" 'resulting string too large' \
    "$T/err"
load_case rep-2^30 'local s = string.rep("x", 2^30)'
check_grep "48: not enough memory" 'not enough memory' "$T/err"
article_case doubling 'local s = "x" for i = 1, 40 do s = s .. s end'
load_case table-forever 'local t = {} for i = 1, 1e12 do t[i] = i end'
article_case table-forever 'local t = {} for i = 1, 1e12 do t[i] = i end'
if [ -z "$SANITIZED" ] && command -v prlimit >/dev/null; then
	# A mebibyte a step, so that memory runs out long before the time
	# budget, however loaded the machine.
	printf 'function article(a) local t = {} for i = 1, 1e12 do t[i] = string.rep("x", 1 << 20) end end\n' \
	    >"$S/lua/x.lua"
	(cd "$S" && prlimit --as=1073741824 "$MORGUE" explain -r lua/x.lua \
	    content/a.txt) >/dev/null 2>"$T/err"
	check_eq "48: under a 1 GiB address-space limit" "$?" 1
	check_grep "48: the rule fails, not the tool" 'not enough memory' \
	    "$T/err"
fi
# 50: binary chunks.
load_case dump 'load(string.dump(function() end))()'
article_case dump 'load(string.dump(function() end))()'
printf '\033LuaT\000\031\223\r\n' >"$S/lua/x.lua"
(cd "$S" && "$MORGUE" explain -r lua/x.lua content/a.txt) >/dev/null 2>"$T/err"
check_eq "50: binary rule file refused" "$?" 3
check_grep "50: binary rule file message" 'attempt to load a binary chunk' \
    "$T/err"
# 51: what does not exist in the sandbox.
for bad in 'os.execute("id")' 'io.open("/etc/passwd")' 'require("socket")' \
    'package.loadlib("a", "b")' 'dofile("/etc/passwd")' \
    'loadfile("/etc/passwd")' 'debug.getregistry()' \
    'collectgarbage("stop")' 'os.exit(0)' 'os.getenv("HOME")' \
    'os.remove("x")' 'load("return 1")' 'rawset(_G, "leaked", 1)'; do
	load_case "$bad" "$bad"
	article_case "$bad" "$bad"
done
check_grep "51: attempt to call a nil value" 'attempt to call a nil value' \
    "$T/err"
cat >"$S/lua/x.lua" <<'EOF'
local allowed = {}
for w in ([[assert error ipairs next pcall select tonumber type xpcall
    rawequal rawlen rawget setmetatable getmetatable _VERSION tostring
    pairs string table math utf8 os _G person place organisation
    organization topic tag kind link_first_mention related_weights names never
    rule]]):gmatch("%S+") do allowed[w] = true end
local bad = {}
for k in pairs(_G) do
	if not allowed[k] then bad[#bad + 1] = k end
end
if #bad > 0 then error("unexpected globals: " .. table.concat(bad, " ")) end
for _, f in ipairs { "execute", "getenv", "exit", "remove", "rename",
    "tmpname", "setlocale" } do
	if os[f] ~= nil then error("os." .. f .. " is reachable") end
end
if string.dump ~= nil or math.randomseed ~= nil then
	error("string.dump or math.randomseed is reachable")
end
function article(a) a:tag("topics", "allowlist ok") end
EOF
(cd "$S" && "$MORGUE" explain -r lua/x.lua content/a.txt) >"$T/out" 2>"$T/err"
check_eq "51: globals are the allowlist" "$?" 0
check_grep "51: allowlist rule ran" 'allowlist ok' "$T/out"
# 52: changing shared state, from one rule for the next.
for bad in 'setmetatable(_G, {})' \
    'getmetatable("").__index = {upper = function() return "pwned" end}' \
    'string.upper = function() return "pwned" end' '_G = {}' \
    'leaked = 1' '_G.leaked = 1' 'string.find = nil' \
    'getmetatable(a).__index = nil' 'a.title = "x"' 'os.time = nil'; do
	article_case "$bad" "$bad"
done
check_grep "52: readonly" 'readonly' "$T/err"
load_case 'string metatable' 'getmetatable("").__index.upper = print'
# 54: what a rule hands back: refused with a clear error.
for bad in 'a:tag("people", "x\0y")' 'a:tag("people", "\255\254")' \
    'a:tag("people", ("x"):rep(1e6))' 'a:tag("Not A Kind", "x")' \
    'a:tag("people", {})' 'a:tag("people", nil)' \
    'a:tag("people", function() end)' 'a:link("people", "\1")' \
    'for i = 1, 2000 do a:tag("people", "p" .. i) end'; do
	article_case "$bad" "$bad"
done
check_grep "54: too many tags" 'too many tags' "$T/err"
printf 'function article(a) local t = {} t.t = t a:tag("topics", "ok") return t, 0/0, function() end end\n' \
    >"$S/lua/x.lua"
(cd "$S" && "$MORGUE" explain -r lua/x.lua content/a.txt) >"$T/out" 2>"$T/err"
check_eq "54: return values are ignored" "$?" 0
# 55: a syntax error, and a runtime error on one article.
load_case syntax 'function article(a) if then end'
check_grep "55: syntax error with line" '^lua/x\.lua:1: error: .*near' "$T/err"
article_case runtime 'local x = nil; x.y = 1'
check_grep "55: runtime error with line" \
    "^lua/x\\.lua:3: error: attempt to index a nil value" "$T/err"

# 56, 57: pairs order, the clock, random numbers, addresses.
cat >"$S/lua/x.lua" <<'EOF'
local t = {}
for i = 1, 60 do t["k" .. i] = i; t[i * 7] = i end
function article(a)
	for k in pairs(t) do a:tag("topics", "first " .. tostring(k)) break end
	for k in pairs(t) do if type(k) == "string" then
		a:tag("topics", "s " .. k) end end
	a:tag("topics", "time " .. os.time() .. " " .. os.date("!%Y-%m-%d"))
	a:tag("topics", "random " .. math.random(1000000))
	a:tag("topics", "table " .. tostring({}) .. " " .. tostring(print))
end
EOF
for i in 1 2 3 4 5; do
	(cd "$S" && SOURCE_DATE_EPOCH=86400 "$MORGUE" explain -r lua/x.lua \
	    content/a.txt content/b.txt) >"$T/run$i" 2>&1
	[ "$i" -eq 3 ] && sleep 1
done
same=1
for i in 2 3 4 5; do cmp -s "$T/run1" "$T/run$i" || same=0; done
check_eq "56/57: five runs give the same output" "$same" 1
check_grep "57: os.time is SOURCE_DATE_EPOCH" 'time 86400 1970-01-02' \
    "$T/run1"
check_nogrep "57: no addresses" '0x[0-9a-f]' "$T/run1"
check_grep "56: pairs in sorted order" 'first 7 ' "$T/run1"

# The same through `morgue build`: a rule file that does not load stops
# the build before anything is written; a rule that errs or runs away on
# one article is reported, and the site is still written, with exit 1.
B=$T/build
mkdir -p "$B"
cp -r "$S/content" "$S/lua" "$B/"
cp -r templates "$B/" 2>/dev/null
rm -f "$B/lua/x.lua"
build_case() {	# NAME LUA: x.lua, then after.lua, over a.txt and b.txt
	printf '%s\n' "$2" >"$B/lua/x.lua"
	printf 'rules = { "lua/x.lua", "lua/after.lua" }\n' >"$B/site.conf"
	rm -rf "$B/public" "$B/archive.git"
	start=$(date +%s)
	(cd "$B" && "$MORGUE" build -q) >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$(elapsed)" -lt 10 ]; then ok "build $1: within 10 s"; else
		fail "build $1: within 10 s" "took $(elapsed) s"; fi
}
for bad in 'while true do end' 'local t = {} for i = 1, 1e12 do t[i] = i end' \
    'os.execute("touch pwned")' 'function article(a) if then end'; do
	build_case "load: $bad" "$bad"
	check_eq "build load: $bad: exit 3" "$rc" 3
	check_grep "build load: $bad: names the rule file" \
	    '^lua/x\.lua:[0-9]+: error: ' "$T/err"
	check_eq "build load: $bad: nothing written" \
	    "$(ls "$B" | grep -cE '^(public|archive\.git|pwned)$')" 0
done
for bad in 'local x = nil; x.y = 1' 'while true do end' \
    'return (a.text:rep(40)):find(".-.-.-.-\1")' \
    'string.upper = function() return "pwned" end'; do
	build_case "article: $bad" "function article(a)
	if a.path:find(\"a.txt\", 1, true) then $bad end
	a:tag(\"topics\", \"survived\")
end"
	check_eq "build article: $bad: exit 1" "$rc" 1
	check_grep "build article: $bad: diagnostic" \
	    '^lua/x\.lua:[0-9]+: error: .*\(article: content/a\.txt\)$' "$T/err"
	check_eq "build article: $bad: one diagnostic" \
	    "$(grep -c error "$T/err")" 1
	check_eq "build article: $bad: the tags in articles.json" \
	    "$(python3 -c '
import json, sys
for x in sorted(json.load(open(sys.argv[1])), key=lambda x: x["path"]):
    print(x["path"], ",".join(x["topics"]))
' "$B/public/articles.json")" \
	    "a.txt clean state
b.txt clean state,survived"
	check "build article: $bad: committed" test -d "$B/archive.git"
done
# A rule that runs away on every article is stopped after three, so that
# a build over a whole archive stays bounded; the other rules go on.
mkdir -p "$T/many/content" "$T/many/lua"
cp -r templates "$T/many/" 2>/dev/null
for i in 1 2 3 4 5 6; do
	sed "s/second round/round $i/" "$S/content/a.txt" \
	    >"$T/many/content/a$i.txt"
done
printf 'function article(a) while true do end end\n' >"$T/many/lua/x.lua"
cp "$S/lua/after.lua" "$T/many/lua/"
printf 'rules = { "lua/x.lua", "lua/after.lua" }\n' >"$T/many/site.conf"
start=$(date +%s)
(cd "$T/many" && "$MORGUE" build -q --no-commit) >/dev/null 2>"$T/err"
check_eq "runaway on every article: exit 1" "$?" 1
if [ "$(elapsed)" -lt 20 ]; then ok "runaway on every article: bounded"
else fail "runaway on every article: bounded" "took $(elapsed) s"; fi
check_eq "runaway on every article: three reported" \
    "$(grep -c 'exceeded 2 s (article: ' "$T/err")" 3
check_grep "runaway on every article: then stopped" \
    '^lua/x\.lua:1: error: rule stopped for the other articles' "$T/err"
check_eq "runaway on every article: the other rule on all six" \
    "$(grep -o '"clean state"' "$T/many/public/articles.json" | wc -l)" 6

# A site.conf that names no rules: the default files that exist run, and
# a site without lua/ has none. One that names a missing file: exit 3.
mkdir -p "$T/bare"
cp -r "$S/content" templates "$T/bare/"
printf 'title = "bare"\n' >"$T/bare/site.conf"
(cd "$T/bare" && "$MORGUE" build -q --no-commit) >/dev/null 2>"$T/err"
check_eq "build: no rules key, no lua/: exit 0" "$?" 0
check "build: no rules key, no lua/: written" \
    test -f "$T/bare/public/articles.json"
mkdir -p "$T/bare/lua"
cp lua/aliases.lua "$T/bare/lua/"
rm -rf "$T/bare/public"
(cd "$T/bare" && "$MORGUE" build -q --no-commit) >/dev/null 2>"$T/err"
check_eq "build: the default files that exist: exit 0" "$?" 0
check_grep "build: the default files that exist run" '"Pieter Anselm"' \
    "$T/bare/public/articles.json"
printf 'rules = { "lua/aliases.lua", "lua/missing.lua" }\n' >"$T/bare/site.conf"
rm -rf "$T/bare/public"
(cd "$T/bare" && "$MORGUE" build -q --no-commit) >/dev/null 2>"$T/err"
check_eq "build: a named rule file missing: exit 3" "$?" 3
check_grep "build: a named rule file missing: says so" \
    '^lua/missing\.lua.*no such rule file' "$T/err"
check "build: a named rule file missing: nothing written" \
    test ! -e "$T/bare/public"

# 56: five builds give the same articles.json, whatever pairs() does.
cp "$S/lua/x.lua" "$B/lua/x.lua"
printf 'rules = { "lua/x.lua" }\n' >"$B/site.conf"
for i in 1 2 3 4 5; do
	rm -rf "$B/public"
	(cd "$B" && SOURCE_DATE_EPOCH=86400 "$MORGUE" build -q --no-commit) \
	    2>/dev/null
	cp "$B/public/articles.json" "$T/json$i"
done
same=1
for i in 2 3 4 5; do cmp -s "$T/json1" "$T/json$i" || same=0; done
check_eq "56: five builds give the same articles.json" "$same" 1
check_grep "56: the rule's tags are there" '"first 7"' "$T/json1"

# 58: only the rule files site.conf lists, at their paths.
cat >"$S/content/evil.lua" <<'EOF'
person "Planted Marker" { "Anselm" }
EOF
printf 'rules = { "lua/after.lua" }\n' >"$S/site.conf"
(cd "$S" && "$MORGUE" explain content/a.txt) >"$T/out" 2>"$T/err"
check_eq "58: site.conf rules run" "$?" 0
check_nogrep "58: a .lua in content/ never runs" 'Planted' "$T/out"
for bad in '../evil.lua' '/etc/passwd' 'lua/../content/evil.lua'; do
	printf 'rules = { "%s" }\n' "$bad" >"$S/site.conf"
	(cd "$S" && "$MORGUE" explain content/a.txt) >"$T/out" 2>"$T/err"
	check_eq "58: $bad refused" "$?" 3
done
ln -s ../content/evil.lua "$S/lua/link.lua"
printf 'rules = { "lua/link.lua" }\n' >"$S/site.conf"
(cd "$S" && "$MORGUE" explain content/a.txt) >"$T/out" 2>"$T/err"
check_eq "58: symlinked rule file refused" "$?" 3
check_grep "58: says why" 'symlink' "$T/err"
finish
