/*
 * bench_related.c: copies and related stories over a generated archive.
 *
 *   bench_related DIR
 *
 * Loads the .txt files of DIR/raw (from ../shared/bench/gen_corpus.py) with
 * article_load(), times related_compute() and prints, one `key value` per
 * line: articles, seconds (CPU time of related_compute), rss_load_mib and
 * rss_peak_mib (peak resident memory after loading, and at the end), and,
 * when DIR/manifest.jsonl is there, the pairwise precision and recall of
 * `syndicated` against its dup_of (copies of one original are all copies
 * of each other), with the related-story figures: articles with related
 * stories, and self links (must be 0).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "article.h"
#include "related.h"
#include "xalloc.h"

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
peak_mib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024.0;
}

/* The articles of dir/raw, in name order; *out is NULL when none. */
static size_t
load(struct article ***out, long **ids, const char *dir)
{
	struct strv names = STRV_INIT;
	struct diag d;
	struct dirent *e;
	char path[4096];
	DIR *dp;
	size_t i, n = 0;

	snprintf(path, sizeof(path), "%s/raw", dir);
	if ((dp = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL)
		if (strstr(e->d_name, ".txt") != NULL)
			strv_push(&names, e->d_name);
	closedir(dp);
	qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	diag_init(&d, NULL);
	*out = xcalloc(names.n + 1, sizeof(**out));
	*ids = xcalloc(names.n + 1, sizeof(**ids));
	for (i = 0; i < names.n; i++) {
		snprintf(path, sizeof(path), "%s/raw/%s", dir, names.v[i]);
		if (article_load(&(*out)[n], &d, path) == 0)
			(*ids)[n++] = strtol(names.v[i], NULL, 10);
	}
	strv_dispose(&names);
	return n;
}

/* root[id]: the original that id is a copy of (itself when none). */
static long *
manifest(const char *dir, long maxid)
{
	char path[4096], line[65536], *p;
	long *root, id, dup;
	FILE *f;

	snprintf(path, sizeof(path), "%s/manifest.jsonl", dir);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	root = xcalloc((size_t)maxid + 1, sizeof(*root));
	for (id = 0; id <= maxid; id++)
		root[id] = id;
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((p = strstr(line, "\"id\": ")) == NULL)
			continue;
		id = strtol(p + 6, NULL, 10);
		if ((p = strstr(line, "\"dup_of\": ")) == NULL ||
		    strncmp(p + 10, "null", 4) == 0 || id > maxid)
			continue;
		dup = strtol(p + 10, NULL, 10);
		/* An original comes before its copies in the manifest. */
		root[id] = dup <= maxid ? root[dup] : dup;
	}
	fclose(f);
	return root;
}

static void
score(struct article **v, const long *ids, size_t n, const long *root)
{
	size_t i, k, tp = 0, found = 0, truth = 0, withrel = 0, self = 0;
	size_t *cnt;
	long maxid = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i]->nsyndicated; k++) {
			found++;
			tp += root[ids[v[i]->syndicated[k]]] == root[ids[i]];
		}
		withrel += v[i]->nrelated > 0;
		for (k = 0; k < v[i]->nrelated; k++)
			self += v[i]->related[k].index == i;
		if (ids[i] > maxid)
			maxid = ids[i];
	}
	/* Ordered pairs of the truth: a class of m copies has m(m-1). */
	cnt = xcalloc((size_t)maxid + 1, sizeof(*cnt));
	for (i = 0; i < n; i++)
		cnt[root[ids[i]]]++;
	for (i = 0; i <= (size_t)maxid; i++)
		truth += cnt[i] * (cnt[i] > 0 ? cnt[i] - 1 : 0);
	free(cnt);
	printf("copy_pairs_found %zu\ncopy_pairs_true %zu\n", found / 2,
	    truth / 2);
	printf("precision %.4f\nrecall %.4f\n",
	    found ? (double)tp / found : 1.0, truth ? (double)tp / truth : 1.0);
	printf("with_related %zu\nself_links %zu\n", withrel, self);
}

int
main(int argc, char *argv[])
{
	struct related_config cfg = { 5, NULL, 0 };
	struct article **v = NULL;
	long *ids = NULL, *root;
	double t0, t1, rss;
	size_t i, n;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_related DIR\n");
		return 2;
	}
	if ((n = load(&v, &ids, argv[1])) == 0) {
		fprintf(stderr, "bench_related: no articles in %s/raw\n",
		    argv[1]);
		free(v);
		free(ids);
		return 1;
	}
	rss = peak_mib();
	t0 = cpu_seconds();
	related_compute(v, n, &cfg);
	t1 = cpu_seconds();
	printf("articles %zu\nseconds %.3f\n", n, t1 - t0);
	printf("rss_load_mib %.1f\nrss_peak_mib %.1f\n", rss, peak_mib());
	if ((root = manifest(argv[1], ids[n - 1])) != NULL) {
		score(v, ids, n, root);
		free(root);
	}
	for (i = 0; i < n; i++)
		article_free(v[i]);
	free(v);
	free(ids);
	return 0;
}
