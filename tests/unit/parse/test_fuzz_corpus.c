/*
 * test_fuzz_corpus.c: the standalone driver of tests/fuzz/fuzz_article.c.
 * Replays every seed of tests/fuzz/corpus/article/ through the fuzz
 * target's invariant checks, without libFuzzer, so that the corpus runs
 * in every `make test`; then, as the quadratic hunt does, each seed's
 * first 64 bytes repeated to 256 KiB, within a time budget.
 */
#include "harness.h"
#include "replay.h"
#include "../../fuzz/fuzz_article.c"

#define CORPUS		"tests/fuzz/corpus/article"
#define REPEAT_TO	(256u * 1024)

static void
seed(void *ctx, const char *name, const char *data, size_t len)
{
	replay_repeated(fuzz_article_check, name, data, len,
	    len < 64 ? len : 64, REPEAT_TO, *(double *)ctx);
}

int
main(void)
{
	double budget = replay_budget(2.0, 20.0);

	CHECK(replay_corpus(CORPUS, seed, &budget) >= 10);
	return harness_done();
}
