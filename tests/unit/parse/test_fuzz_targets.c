/*
 * test_fuzz_targets.c: the standalone driver of the fuzz targets other
 * than article text (tests/fuzz/fuzz_front.c, fuzz_conf.c, fuzz_rules.c
 * and fuzz_tmpl.c). Replays every seed of tests/fuzz/corpus/TARGET/
 * through the target, without libFuzzer, so that the corpora (and the
 * crashes and timeouts found, kept there as seeds) run in every
 * `make test`, plain and under ASan + UBSan; each seed within a time
 * budget, since a timeout is a finding too.
 */
#include <stdio.h>

#include "harness.h"
#include "replay.h"

#define LLVMFuzzerTestOneInput	fuzz_front_one
#include "../../fuzz/fuzz_front.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_conf_one
#include "../../fuzz/fuzz_conf.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_rules_one
#include "../../fuzz/fuzz_rules.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput	fuzz_tmpl_one
#include "../../fuzz/fuzz_tmpl.c"
#undef LLVMFuzzerTestOneInput

/* A target's check: 0 when every invariant holds. */
typedef int	(*target_fn)(const uint8_t *, size_t);

static int
tmpl_check(const uint8_t *data, size_t size)
{
	return fuzz_tmpl_one(data, size);
}

struct target {
	const char	*dir;
	target_fn	 fn;
	double		 budget;
};

static void
seed(void *ctx, const char *name, const char *data, size_t len)
{
	const struct target *t = ctx;
	double t0 = replay_now();

	if (!CHECK(t->fn((const uint8_t *)data, len) == 0))
		fprintf(stderr, "  %s/%s: an invariant failed\n", t->dir, name);
	if (!CHECK(replay_now() - t0 < t->budget))
		fprintf(stderr, "  %s/%s: %.2f s\n", t->dir, name,
		    replay_now() - t0);
}

/* Replays the corpus of one target; returns the number of seeds. */
static size_t
replay(const char *name, target_fn fn, double budget)
{
	struct buf dir = BUF_INIT;
	struct target t = { NULL, fn, budget };
	size_t seeds;

	buf_printf(&dir, "tests/fuzz/corpus/%s", name);
	t.dir = dir.data;
	seeds = replay_corpus(dir.data, seed, &t);
	buf_dispose(&dir);
	return seeds;
}

int
main(void)
{
	/* A rule seed may run into the rules' watchdog (2 s) on purpose. */
	double budget = replay_budget(8.0, 40.0);

	CHECK(replay("front", fuzz_front_check, budget) >= 4);
	CHECK(replay("conf", fuzz_conf_check, budget) >= 4);
	CHECK(replay("rules", fuzz_rules_check, budget) >= 4);
	CHECK(replay("tmpl", tmpl_check, budget) >= 4);
	return harness_done();
}
