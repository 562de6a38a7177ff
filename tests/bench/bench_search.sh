#!/bin/sh
# bench_search.sh: what a visitor downloads to search a large archive.
# Builds a site from BENCH_SEARCH_N generated articles (default 10,000:
# ../shared/bench/gen_corpus.py --seed 1; some minutes), serves it on
# 127.0.0.1 and opens search/index.html?q=WORD in Debian's chromium
# (tests/browser/search_cost.js), adding up the bytes of every response:
# the page, its style and script, and the index files the query loads.
# The aim: at most 300 KB for a one-word query at 10,000 articles.
#   make all && sh tests/bench/bench_search.sh
: "${MORGUE:=$(pwd)/build/morgue}"
n=${BENCH_SEARCH_N:-10000}
if [ -z "$SHARED" ] || [ ! -d "$SHARED" ]; then
	echo "bench_search: ../shared is absent; nothing to measure"
	exit 0
fi
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null ||
    [ ! -d tests/browser/node_modules/playwright-core ]; then
	echo "bench_search: chromium, node or playwright-core is missing"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/morgue-bench.XXXXXX")
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$T"' EXIT
python3 "$SHARED/bench/gen_corpus.py" --n "$n" --seed 1 --out "$T/gen" \
    --no-hugo >/dev/null || exit 1
mkdir -p "$T/site/content"
cp site.conf "$T/site/"
cp -R lua templates "$T/site/"
cp "$T/gen/raw/"* "$T/site/content/"
(cd "$T/site" && "$MORGUE" build --no-commit) >/dev/null 2>"$T/err" ||
    { echo "bench_search: the build failed"; tail -3 "$T/err"; exit 1; }
echo "search index of $n articles: $(du -sk "$T/site/public/search" |
    cut -f1) KB in $(ls "$T/site/public/search/w" | wc -l) word shards"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$T/site/public" \
    "$port" >/dev/null 2>&1 &
server=$!
sleep 1
echo "query, bytes downloaded, requests, results shown:"
timeout 600 node tests/browser/search_cost.js "http://127.0.0.1:$port/" \
    said minister election "prime minister" qwzxvj
