#!/bin/sh
# tests/bench/bench_tmpl.sh: Mustache rendering speed, an article page
# (layout, partials, blocks, 4 KB body) rendered 100000 times.
cd "$(dirname "$0")/../.." || exit 2
bin=${BUILD:-build}/bench/bench_tmpl
[ -x "$bin" ] || make -s "$bin" >/dev/null || exit 2
"$bin" "${1:-100000}"
