#!/bin/sh
# test_browser.sh: the example site in a real browser. Debian's chromium,
# headless, driven by playwright-core (tests/browser/browse.js; neither
# downloads a browser), opens index.html from file:// and from a local
# HTTP server on 127.0.0.1, follows links to an article, a tag page and a
# related story, searches for "Lavrov" and sees results, and meets no
# console error and no request leaving the site. Screenshots go to
# tests/browser/screenshots/ (not committed). Skipped under ASan.
. tests/lib.sh

if [ -n "$SANITIZED" ]; then
	skip "browser test runs with the plain build only"
	finish
	exit
fi
if ! "$MORGUE" build --help >/dev/null 2>&1; then
	skip "morgue build is not there yet"
	finish
	exit
fi
# What the test needs, installed here when `make deps` has not (root only).
apt_missing=""
[ -x /usr/bin/chromium ] || apt_missing="chromium"
command -v node >/dev/null || apt_missing="$apt_missing nodejs"
command -v npm >/dev/null || apt_missing="$apt_missing npm"
if [ -n "$apt_missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "installing$apt_missing"
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $apt_missing) >"$T/apt" 2>&1
fi
for need in /usr/bin/chromium node npm; do
	if ! command -v "$need" >/dev/null; then
		fail "$need" "missing and not installable: $(tail -3 "$T/apt" 2>/dev/null)"
		finish
		exit
	fi
done
if [ ! -d tests/browser/node_modules/playwright-core ]; then
	(cd tests/browser && timeout 300 npm ci --no-audit --no-fund \
	    --silent) >"$T/npm" 2>&1
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
	fail "playwright-core" "npm ci failed: $(tail -3 "$T/npm")"
	finish
	exit
fi

# The example site, plus one invented article about Lavrov to search for.
site="$T/site"
mkdir -p "$site"
cp -R site.conf content lua templates "$site/" 2>/dev/null
cp tests/fixtures/browser/*.txt "$site/content/"
(cd "$site" && "$MORGUE" build --no-commit) >"$T/out" 2>"$T/err"
check_eq "example site builds" "$?" 0
pub="$site/public"
check "site rendered" [ -f "$pub/index.html" ]
shots="$TOP/tests/browser/screenshots"
mkdir -p "$shots"

run_browse() {	# label url
	timeout 180 node tests/browser/browse.js "$2" "$shots" "$1" \
	    >"$T/browse-$1" 2>&1
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) rest=${line#FAIL }; fail "${rest%%:*}" "${rest#*: }" ;;
		"skip: "*) skip "${line#skip: }" ;;
		esac
	done <"$T/browse-$1"
	grep -qE '^(ok|FAIL) ' "$T/browse-$1" ||
	    fail "browser $1" "$(tail -5 "$T/browse-$1")"
}

run_browse file "file://$pub/index.html"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 300 python3 -m http.server --bind 127.0.0.1 --directory "$pub" \
    "$port" >"$T/http.log" 2>&1 &
server=$!
i=0
while [ $i -lt 50 ] && ! python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/index.html', timeout=1)" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
run_browse http "http://127.0.0.1:$port/index.html"
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null

finish
