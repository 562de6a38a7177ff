/*
 * test_fuzz_targets.c: the standalone driver of the fuzz targets other
 * than article text (tests/fuzz/fuzz_front.c, fuzz_conf.c, fuzz_rules.c
 * and fuzz_tmpl.c). Replays every seed of tests/fuzz/corpus/TARGET/
 * through the target, without libFuzzer, so that the corpora (and the
 * crashes and timeouts found, kept there as seeds) run in every
 * `make test`, plain and under ASan + UBSan; each seed within a time
 * budget, since a timeout is a finding too.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"

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

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* Replays the corpus of one target; returns the number of seeds. */
static size_t
replay(const char *name, target_fn fn, double budget)
{
	struct buf path = BUF_INIT;
	struct dirent *e;
	DIR *dir;
	size_t len, seeds = 0;
	char *data;
	double t0;

	buf_printf(&path, "tests/fuzz/corpus/%s", name);
	if ((dir = opendir(path.data)) == NULL) {
		CHECK(!"the corpus directory exists");
		buf_dispose(&path);
		return 0;
	}
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "tests/fuzz/corpus/%s/%s", name, e->d_name);
		if ((data = slurp(path.data, &len)) == NULL)
			continue;
		t0 = now();
		if (!CHECK(fn((const uint8_t *)data, len) == 0))
			fprintf(stderr, "  %s: an invariant failed\n", path.data);
		if (!CHECK(now() - t0 < budget))
			fprintf(stderr, "  %s: %.2f s\n", path.data, now() - t0);
		free(data);
		seeds++;
	}
	closedir(dir);
	buf_dispose(&path);
	return seeds;
}

int
main(void)
{
	/* A rule seed may run into the rules' watchdog (2 s) on purpose. */
	double budget = 8.0;

	if (getenv("SANITIZED") != NULL && *getenv("SANITIZED") != '\0')
		budget = 40.0;
	if (getenv("VALGRIND") != NULL)
		budget = 600.0;
	CHECK(replay("front", fuzz_front_check, budget) >= 4);
	CHECK(replay("conf", fuzz_conf_check, budget) >= 4);
	CHECK(replay("rules", fuzz_rules_check, budget) >= 4);
	CHECK(replay("tmpl", tmpl_check, budget) >= 4);
	return harness_done();
}
