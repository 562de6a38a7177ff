/*
 * bench_render.c: the site writer (render_site) on a generated archive,
 * with every page: articles, tag kinds and terms (with their feeds),
 * sources, agencies, the archive by month, the index, feeds, search
 * index and sitemap.
 *
 *   build/bench/bench_render DIR [OUT]
 *
 * Run from the project's top directory: the articles are the .txt files
 * of DIR/raw (../shared/bench/gen_corpus.py), tagged by the default
 * rules of lua/ and related as `morgue build` does; only render_site()
 * is timed, three times, into OUT/1, OUT/2, OUT/3 (OUT: default a fresh
 * directory in /tmp), each removed after; the best round is reported.
 * It renders on one thread, so CPU time is one core's time.
 * Prints `key value` lines: articles, pages (HTML files written),
 * files, mib (bytes written), cpu_s, wall_s, article_pages_per_s (articles
 * over CPU time of the whole render), pages_per_s, and user_s and sys_s
 * (the part spent in the kernel, making files and directories).
 */
/* nftw() */
#define _XOPEN_SOURCE 700

#include <sys/resource.h>
#include <sys/stat.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef MORGUE_CALLGRIND
/* Instruction counts of the render alone, steady whatever the load:
 * valgrind --tool=callgrind --instr-atstart=no bench_render DIR */
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#include "core/conf.h"
#include "related/related.h"
#include "render/render.h"
#include "rules/rules.h"
#include "build/site.h"
#include "core/xalloc.h"

/* Renders timed; the best is reported. */
#define ROUNDS	3

static size_t	nfiles, nhtml;
static double	bytes;

/* User and system CPU seconds so far. */
static void
cpu_split(double *user, double *sys)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	*user = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
	*sys = (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static double
now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
count(const char *path, const struct stat *st, int type, struct FTW *f)
{
	size_t len = strlen(path);

	(void)f;
	if (type != FTW_F)
		return 0;
	nfiles++;
	bytes += (double)st->st_size;
	if (len > 5 && strcmp(path + len - 5, ".html") == 0)
		nhtml++;
	return 0;
}

int
main(int argc, char **argv)
{
	struct related_config rel = { 5, NULL, 0, 0, 0, NULL, 0, NULL, NULL };
	struct render_opts o;
	struct rules *rules = NULL;
	struct conf *conf;
	struct site *s = NULL;
	struct diag d;
	char tmp[] = "/tmp/morgue-bench-render-XXXXXX", *out;
	struct buf content = BUF_INIT;
	double cpu = 0, wall = 0, user = 0, sys = 0, c, w, u0, s0, u1, s1;
	char dir[4096], cmd[4200];
	int rc = 0, round;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_render DIR [OUT]\n");
		return 2;
	}
	diag_init(&d, NULL);	/* the articles' warnings are not timed */
	conf = conf_new();
	buf_printf(&content, "%s/raw", argv[1]);
	free(conf->content);
	conf->content = buf_detach(&content);
	if (site_load(&s, &d, conf, 0, 0) < 0 ||
	    rules_new(&rules, &d, ".", &conf->rules) < 0)
		return 1;
	rules_run_all(rules, &d, s->articles, s->n);
	rel.nweights = rules_weights(rules, &rel.weights);
	related_compute(s->articles, s->n, &rel);
	site_permalinks(&d, s->articles, s->n);
	site_order(s, 1700000000);
	out = argc > 2 ? argv[2] : mkdtemp(tmp);
	if (out == NULL || (mkdir(out, 0755) < 0 && access(out, W_OK) < 0)) {
		perror("output directory");
		return 1;
	}
	memset(&o, 0, sizeof(o));
	o.title = "bench";
	o.base_url = "https://example.org/";
	o.language = "en";
	o.templates = "templates";
	o.articles = s->articles;
	o.n = s->n;
	o.updated = (time_t)s->build_time;

	/* The best of ROUNDS renders: the machine may be busy. */
	for (round = 0; round < ROUNDS; round++) {
		snprintf(dir, sizeof(dir), "%s/%d", out, round);
		if (mkdir(dir, 0755) < 0) {
			perror(dir);
			return 1;
		}
		w = now(CLOCK_MONOTONIC);
		c = now(CLOCK_PROCESS_CPUTIME_ID);
		cpu_split(&u0, &s0);
		CALLGRIND_START_INSTRUMENTATION;
		rc = render_site(&d, &o, dir);
		CALLGRIND_STOP_INSTRUMENTATION;
		cpu_split(&u1, &s1);
		c = now(CLOCK_PROCESS_CPUTIME_ID) - c;
		w = now(CLOCK_MONOTONIC) - w;
		fprintf(stderr, "round %d: %.3f s CPU\n", round + 1, c);
		if (round == 0 || c < cpu) {
			cpu = c;
			wall = w;
			user = u1 - u0;
			sys = s1 - s0;
		}
		if (round == 0)
			nftw(dir, count, 32, FTW_PHYS);
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (rc < 0 || system(cmd) != 0)
			break;
	}
	printf("articles %zu\n", s->n);
	printf("pages %zu\n", nhtml);
	printf("files %zu\n", nfiles);
	printf("mib %.1f\n", bytes / (1024.0 * 1024.0));
	printf("cpu_s %.3f\n", cpu);
	printf("user_s %.3f\n", user);
	printf("sys_s %.3f\n", sys);
	printf("wall_s %.3f\n", wall);
	printf("article_pages_per_s %.0f\n", (double)s->n / cpu);
	printf("pages_per_s %.0f\n", (double)nhtml / cpu);
	if (argc <= 2)
		(void)rmdir(out);
	rules_free(rules);
	site_free(s);
	conf_free(conf);
	return rc < 0 ? 1 : 0;
}
