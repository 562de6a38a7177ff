/* replay.c: replaying a fuzz corpus without libFuzzer (replay.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "harness.h"
#include "replay.h"

double
replay_budget(double plain, double sanitized)
{
	const char *s = getenv("SANITIZED");

	if (getenv("VALGRIND") != NULL)
		return 600.0;
	return s != NULL && *s != '\0' ? sanitized : plain;
}

double
replay_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The bytes of path (caller frees), or NULL when it cannot be read. */
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

size_t
replay_corpus(const char *dir, replay_seed_fn fn, void *ctx)
{
	struct buf path = BUF_INIT;
	struct dirent *e;
	DIR *d;
	size_t len, seeds = 0;
	char *data;

	if ((d = opendir(dir)) == NULL) {
		harness_check(0, __FILE__, __LINE__, dir);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		if ((data = slurp(path.data, &len)) == NULL)
			continue;
		fn(ctx, e->d_name, data, len);
		free(data);
		seeds++;
	}
	closedir(d);
	buf_dispose(&path);
	return seeds;
}

void
replay_repeated(replay_check_fn check, const char *name, const char *data,
    size_t len, size_t slice, size_t to, double budget)
{
	const char *bad;
	char *big;
	size_t n;
	double t0;

	bad = check((const uint8_t *)data, len);
	if (!harness_check(bad == NULL, __FILE__, __LINE__, name))
		fprintf(stderr, "  %s: %s\n", name, bad);
	if (slice == 0)
		return;
	big = xmalloc(to);
	for (n = 0; n + slice <= to; n += slice)
		memcpy(big + n, data, slice);
	t0 = replay_now();
	bad = check((const uint8_t *)big, n);
	if (!harness_check(bad == NULL, __FILE__, __LINE__, name))
		fprintf(stderr, "  %s repeated: %s\n", name, bad);
	if (!harness_check(replay_now() - t0 < budget, __FILE__, __LINE__,
	    "repeated seed within the time budget"))
		fprintf(stderr, "  %s repeated: %.2f s\n", name,
		    replay_now() - t0);
	free(big);
}
