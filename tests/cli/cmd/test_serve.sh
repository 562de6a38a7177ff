#!/bin/sh
# test_serve.sh: `morgue serve` with a real server on 127.0.0.1: pages
# with the live-reload script (the built site without it), refusals of
# paths out of the site, a change shown within 10 s through the event
# stream, a failed build keeping the last good site, a port taken, no
# commit without --commit, Ctrl-C stopping it, and a change saved during
# a build brought by a build of its own.
. tests/lib.sh

"$MORGUE" new "$T/blog" 2>/dev/null

# serve NAME ARGS...: starts morgue serve in the background ($spid) and
# waits for its address ($url); NAME.err keeps its stderr.
serve() {
	name=$1
	shift
	"$MORGUE" serve "$@" 2>"$T/$name.err" &
	spid=$!
	url=
	for i in $(seq 1 100); do
		url=$(sed -n 's/.*serving .* at \(http:[^ ]*\) .*/\1/p' \
		    "$T/$name.err")
		[ -n "$url" ] && break
		kill -0 "$spid" 2>/dev/null || break
		sleep 0.2
	done
}

# get PATH: prints the status, then the body, of a GET of the path as it
# is written (no client-side clean-up of dots).
get() {
	python3 - "$url" "$1" 2>/dev/null <<'PY'
import http.client, sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
c.putrequest("GET", sys.argv[2], skip_accept_encoding=True)
c.endheaders()
r = c.getresponse()
print(r.status)
sys.stdout.write(r.read().decode("utf-8", "replace"))
PY
}

serve s1 -C "$T/blog" --port 0 --bind 127.0.0.1
check "serve says where it serves" test -n "$url"
get / >"$T/root"
check_eq "/ answers 200" "$(head -1 "$T/root")" 200
check_grep "/ carries the live-reload script" 'new EventSource\(' "$T/root"
check_grep "/ is the site's front page" '<title>' "$T/root"
check_nogrep "the built site has no live-reload script" 'EventSource' \
    "$T/blog/public/index.html"
get /assets/site.css >"$T/css"
check_eq "an asset answers 200" "$(head -1 "$T/css")" 200
check_nogrep "an asset is served as it is" EventSource "$T/css"
check_eq "a directory without its slash is redirected" \
    "$(get /articles | head -1)" 301
check_eq "a missing file is 404" "$(get /no/such/page.html | head -1)" 404

# Nothing outside the output directory.
ln -s /etc "$T/blog/public/etc-link"
ln -s "$T/blog/site.conf" "$T/blog/public/conf-link"
for p in /../../../etc/passwd /%2e%2e/%2e%2e/etc/passwd \
    /%2E%2E/%2E%2E/%2E%2E/etc/passwd /..%2f..%2f..%2fetc/passwd \
    /assets/../../site.conf /./index.html //etc/passwd \
    /etc-link/passwd /conf-link /index.html%00.css \
    http://127.0.0.1/../etc/passwd; do
	code=$(get "$p" | head -1)
	if [ "$code" = 200 ]; then
		fail "refused: $p" "answered 200"
	else
		ok "refused: $p ($code)"
	fi
done
get /../../../etc/passwd >"$T/pw"
check_nogrep "no line of /etc/passwd is sent" '^root:' "$T/pw"

# A change to an article: the open page's event stream says reload,
# and the page shows the new title, within 10 s.
gen=$(sed -n 's/.*events?since=\([0-9]*\).*/\1/p' "$T/root" | head -1)
python3 - "$url" "$gen" >"$T/events" 2>&1 <<'PY' &
import http.client, sys, time, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
c = http.client.HTTPConnection(u.hostname, u.port, timeout=12)
c.request("GET", "/__morgue/events?since=" + sys.argv[2])
r = c.getresponse()
print(r.status, r.getheader("Content-Type"))
while True:
    line = r.fp.readline().decode()
    if not line:
        break
    print(line.rstrip("\n"))
    if line.startswith("event: reload"):
        print("at %.3f" % time.time())
        break
PY
epid=$!
sleep 0.5
start=$(python3 -c 'import time; print("%.3f" % time.time())')
sed -i 's/^Ferry returns to the lake/Lake ferry sails again/' \
    "$T/blog/content/first-ferry.txt"
seen=
for i in $(seq 1 50); do
	if get / | grep -q 'Lake ferry sails again'; then seen=1; break; fi
	sleep 0.2
done
check_eq "the changed title is served within 10 s" "$seen" 1
wait "$epid"
check_grep "the event stream is text/event-stream" \
    '^200 text/event-stream' "$T/events"
check_grep "the open page is told to reload" '^event: reload' "$T/events"
at=$(sed -n 's/^at //p' "$T/events")
check "and within 10 s of the change" \
    python3 -c "import sys; sys.exit(not 0 <= float('${at:-1e12}') - $start <= 10)"

# A build that fails: its diagnostics over the page, the last good site
# still served; then fixed.
mkdir -p "$T/blog/templates"
printf '{{#broken}}\n' >"$T/blog/templates/index.mustache"
shown=
for i in $(seq 1 50); do
	get / >"$T/bad"
	if grep -q 'morgue-serve-report' "$T/bad"; then shown=1; break; fi
	sleep 0.2
done
check_eq "a failed build's diagnostics show in the page" "$shown" 1
check_grep "with the template's file:line" \
    'templates/index.mustache:1: error' "$T/bad"
check_grep "over the last good site" 'Lake ferry sails again' "$T/bad"
check_grep "and on the terminal" 'templates/index.mustache:1: error' \
    "$T/s1.err"
rm -r "$T/blog/templates"
for i in $(seq 1 50); do
	get / >"$T/good"
	grep -q 'morgue-serve-report' "$T/good" || break
	sleep 0.2
done
check_nogrep "a good build clears them" 'morgue-serve-report' "$T/good"

# The port is taken: a clear error.
port=${url##*:}
port=${port%/}
"$MORGUE" serve -C "$T/blog" --port "$port" 2>"$T/taken.err" &
tpid=$!
for i in $(seq 1 50); do kill -0 "$tpid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$tpid" 2>/dev/null; then kill "$tpid"; fi
wait "$tpid"
check_eq "a port in use exits 3" $? 3
check_grep "and says the port is taken" "port $port .*taken" "$T/taken.err"

# Ctrl-C stops it cleanly; nothing was committed.
kill -INT "$spid"
stopped=
for i in $(seq 1 50); do
	kill -0 "$spid" 2>/dev/null || { stopped=1; break; }
	sleep 0.1
done
check_eq "Ctrl-C stops serve within 5 s" "$stopped" 1
wait "$spid"
check_eq "and it exits 0" $? 0
check "no archive commit without --commit" test ! -e "$T/blog/archive.git"

# --commit commits.
serve s2 -C "$T/blog" --port 0 --commit
kill -INT "$spid"
wait "$spid"
git --git-dir="$T/blog/archive.git" rev-parse -q --verify archive >/dev/null
check_eq "with --commit the build is committed" $? 0

# A change saved while a build runs brings another build: a rule slows
# each build down, and a second article changes while the build of the
# first change is under way.
"$MORGUE" new "$T/slow" 2>/dev/null
printf 'function article(a)\n  local n = 0\n  for i = 1, 10000000 do n = n + i end\nend\n' \
    >"$T/slow/lua/slow.lua"
printf 'rules = { "lua/aliases.lua", "lua/tags.lua", "lua/links.lua", "lua/slow.lua" }\n' \
    >>"$T/slow/site.conf"
serve s3 -C "$T/slow" --port 0
sed -i '1s/.*/Ferry returns with a new engine/' "$T/slow/content/first-ferry.txt"
sleep 0.45
sed -i '1s/.*/Evening crossings start on the lake/' \
    "$T/slow/content/ferry-timetable.txt"
seen=
for i in $(seq 1 50); do
	get / >"$T/slow.html"
	if grep -q 'Ferry returns with a new engine' "$T/slow.html" &&
	    grep -q 'Evening crossings start on the lake' "$T/slow.html"; then
		seen=1
		break
	fi
	sleep 0.2
done
check_eq "a change saved during a build is served within 10 s" "$seen" 1
# The second change may come in after the build under way has read it,
# and then brings one more build; after that, what the builds write
# themselves must not start another: the builds come to rest.
seen_builds=$(grep -c 'serve: built' "$T/s3.err")
prev=$seen_builds quiet=0
for i in $(seq 1 40); do
	sleep 0.5
	now=$(grep -c 'serve: built' "$T/s3.err")
	if [ "$now" = "$prev" ]; then
		quiet=$((quiet + 1))
		[ $quiet -ge 6 ] && break
	else
		prev=$now quiet=0
	fi
done
check "the builds come to rest" [ $quiet -ge 6 ]
check "at most one more build once the change is served ($seen_builds, then $now)" \
    [ "$now" -le $((seen_builds + 1)) ]
sleep 2
check_eq "and the build's own output brings no more builds" \
    "$(grep -c 'serve: built' "$T/s3.err")" "$now"
kill -INT "$spid"
wait "$spid"

"$MORGUE" serve --port 99999 2>/dev/null
check_eq "a bad port is a usage error" $? 2
"$MORGUE" serve --help >"$T/help"
check_eq "serve --help exits 0" $? 0
finish
