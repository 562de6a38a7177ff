/*
 * bench_rules.c: the rules' throughput on one core.
 *
 *   bench_rules [-s SECONDS] [-c CACHEFILE] [-r RULEFILE]... < LIST
 *
 * Parses every file named on standard input (one path a line; not
 * measured), loads the rule files (default: lua/aliases.lua, lua/tags.lua
 * and lua/links.lua, relative to the current directory), then runs
 * rules_run_all() over all the articles, pass after pass, for at least
 * SECONDS (default 2). With -c, a pass is what a full build does
 * (morgue build --full): rules_run_cached(), which learns the articles
 * and notes their words for the cache in this process, runs the rules
 * in the worker, and writes CACHEFILE. The rules run in one worker
 * process, so the time
 * is that of one core: the CPU time of this process (which reads the
 * worker's results) and of the worker, and the wall time beside it.
 * Prints articles, tags and links per article, and articles/s (the best
 * pass by CPU time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <xxhash.h>

#include "parse/article.h"
#include "rules/rules.h"
#include "core/xalloc.h"

static double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process and of its children that have been reaped:
 * the rules' worker is one of them. */
static double
cpu_of(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static double
cpu(void)
{
	return cpu_of(RUSAGE_SELF) + cpu_of(RUSAGE_CHILDREN);
}

int
main(int argc, char **argv)
{
	struct strv files = STRV_INIT;
	struct article **v = NULL, *a;
	struct rules *r;
	struct diag d, quiet;
	XXH128_hash_t *keys = NULL, env = { 1, 1 };
	const char *cache = NULL;
	char line[4096];
	double secs = 2, c0, w0, k0, c, w, kc, best_c = 0, best_w = 0;
	double best_k = 0, tc = 0;
	size_t n = 0, i, len, tags = 0, links = 0, ran;
	unsigned passes = 0;
	int k;

	diag_init(&d, stderr);
	diag_init(&quiet, NULL);
	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "-s") == 0 && k + 1 < argc)
			secs = atof(argv[++k]);
		else if (strcmp(argv[k], "-c") == 0 && k + 1 < argc)
			cache = argv[++k];
		else if (strcmp(argv[k], "-r") == 0 && k + 1 < argc)
			strv_push(&files, argv[++k]);
		else {
			fputs("usage: bench_rules [-s SECONDS] [-c CACHEFILE] "
			    "[-r RULEFILE]... < LIST\n", stderr);
			return 2;
		}
	}
	if (files.n == 0) {
		strv_push(&files, "lua/aliases.lua");
		strv_push(&files, "lua/tags.lua");
		strv_push(&files, "lua/links.lua");
	}
	while (fgets(line, sizeof(line), stdin) != NULL) {
		len = strcspn(line, "\n");
		line[len] = '\0';
		if (len == 0 || article_load(&a, &quiet, line) < 0 || a == NULL)
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		keys = xreallocarray(keys, n + 1, sizeof(*keys));
		/* The build's key hashes the path and the bytes: the path
		 * names an article as well here. */
		keys[n] = XXH3_128bits(line, len);
		v[n++] = a;
	}
	if (n == 0 || rules_new(&r, &d, ".", &files) < 0) {
		fputs("bench_rules: no articles, or the rules do not load\n",
		    stderr);
		return 1;
	}
	do {
		c0 = cpu();
		k0 = cpu_of(RUSAGE_CHILDREN);
		w0 = wall();
		if (cache != NULL)
			rules_run_cached(r, &d, v, n, keys, env, cache, 1,
			    &ran);
		else
			rules_run_all(r, &d, v, n);
		c = cpu() - c0;
		kc = cpu_of(RUSAGE_CHILDREN) - k0;
		w = wall() - w0;
		if (passes == 0 || c < best_c) {
			best_c = c;
			best_k = kc;
			best_w = w;
		}
		tc += c;
		passes++;
	} while (tc < secs);
	for (i = 0; i < n; i++) {
		tags += v[i]->ntags;
		links += v[i]->nmentions;
	}
	printf("%zu articles, %.1f tags and %.1f links each, %u passes: "
	    "%.0f articles/s (a pass: %.3f s CPU, %.3f of it in the "
	    "worker; %.3f s wall)\n", n, (double)tags / (double)n,
	    (double)links / (double)n, passes, (double)n / best_c, best_c,
	    best_k, best_w);
	for (i = 0; i < n; i++)
		article_free(v[i]);
	free(v);
	free(keys);
	rules_free(r);
	strv_dispose(&files);
	return d.errors > 0;
}
