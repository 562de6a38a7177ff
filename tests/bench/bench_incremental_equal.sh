#!/bin/sh
# bench_incremental_equal.sh: the randomized incremental-equals-full test
# of tests/cli/build/test_incremental.sh at a larger size: BENCH_INCR_N
# articles (default 10000), BENCH_INCR_STEPS edits (default 3).
INCR_N=${BENCH_INCR_N:-10000} INCR_STEPS=${BENCH_INCR_STEPS:-3} \
    sh tests/cli/build/test_incremental.sh | grep -v '^ok '
