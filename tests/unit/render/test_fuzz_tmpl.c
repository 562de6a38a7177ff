/*
 * test_fuzz_tmpl.c: the standalone driver of tests/fuzz/fuzz_tmpl.c.
 * Replays every seed of tests/fuzz/corpus/tmpl/ through the fuzz
 * target's checks, without libFuzzer, so that the corpus runs in every
 * `make test` (and under ASan + UBSan there); then each seed repeated to
 * 64 KiB, which must render within a time budget.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"
#include "../../fuzz/fuzz_tmpl.c"
#include "core/xalloc.h"

#define CORPUS		"tests/fuzz/corpus/tmpl"
#define REPEAT_TO	(64u * 1024)

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

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The seed's template part (up to its first \x01) repeated. */
static void
replay(const char *name, const char *data, size_t len, double budget)
{
	const char *bad, *sep = memchr(data, 1, len);
	size_t n, slice = sep ? (size_t)(sep - data) : len;
	char *big;
	double t0;

	bad = fuzz_tmpl_check((const uint8_t *)data, len);
	if (!harness_check(bad == NULL, __FILE__, __LINE__, name))
		fprintf(stderr, "  %s: %s\n", name, bad);
	if (slice == 0)
		return;
	big = xmalloc(REPEAT_TO);
	for (n = 0; n + slice <= REPEAT_TO; n += slice)
		memcpy(big + n, data, slice);
	t0 = now();
	bad = fuzz_tmpl_check((const uint8_t *)big, n);
	if (!harness_check(bad == NULL, __FILE__, __LINE__, name))
		fprintf(stderr, "  %s repeated: %s\n", name, bad);
	if (!harness_check(now() - t0 < budget, __FILE__, __LINE__,
	    "repeated seed within the time budget"))
		fprintf(stderr, "  %s repeated: %.2f s\n", name, now() - t0);
	free(big);
}

int
main(void)
{
	DIR *dir = opendir(CORPUS);
	struct dirent *e;
	struct buf path = BUF_INIT;
	double budget = 2.0;
	char *data;
	size_t len, seeds = 0;

	/* Sanitizers and valgrind slow everything down many times. */
	if (getenv("SANITIZED") != NULL && *getenv("SANITIZED") != '\0')
		budget = 20.0;
	if (getenv("VALGRIND") != NULL)
		budget = 600.0;
	if (!CHECK(dir != NULL))
		return harness_done();
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", CORPUS, e->d_name);
		if ((data = slurp(path.data, &len)) == NULL)
			continue;
		replay(e->d_name, data, len, budget);
		free(data);
		seeds++;
	}
	closedir(dir);
	buf_dispose(&path);
	CHECK(seeds >= 8);
	return harness_done();
}
