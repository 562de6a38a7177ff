/*
 * test_fuzz_tmpl.c: the standalone driver of tests/fuzz/fuzz_tmpl.c.
 * Replays every seed of tests/fuzz/corpus/tmpl/ through the fuzz
 * target's checks, without libFuzzer, so that the corpus runs in every
 * `make test` (and under ASan + UBSan there); then each seed's template
 * part (up to its first \x01) repeated to 64 KiB, which must render
 * within a time budget.
 */
#include <string.h>

#include "harness.h"
#include "replay.h"
#include "../../fuzz/fuzz_tmpl.c"

#define CORPUS		"tests/fuzz/corpus/tmpl"
#define REPEAT_TO	(64u * 1024)

static void
seed(void *ctx, const char *name, const char *data, size_t len)
{
	const char *sep = memchr(data, 1, len);

	replay_repeated(fuzz_tmpl_check, name, data, len,
	    sep ? (size_t)(sep - data) : len, REPEAT_TO, *(double *)ctx);
}

int
main(void)
{
	double budget = replay_budget(2.0, 20.0);

	CHECK(replay_corpus(CORPUS, seed, &budget) >= 8);
	return harness_done();
}
