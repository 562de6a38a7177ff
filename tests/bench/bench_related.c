/*
 * bench_related.c: copies and related stories over a generated archive.
 *
 *   bench_related [-t] [-r RUNS] DIR
 *
 * Loads the .txt files of DIR/raw (from ../shared/bench/gen_corpus.py)
 * with article_load(), times related_compute() and prints, one `key
 * value` per line: articles, seconds (CPU time of related_compute, the
 * least of RUNS runs, default 1), rss_load_mib and rss_peak_mib
 * (resident memory before it, and its peak while it runs), and, from
 * DIR/manifest.jsonl, the pairwise precision and recall of `syndicated`
 * against dup_of, the share of related links and of thread links that
 * stay in the article's topic, and self links (0).
 * With -t, each article first gets the manifest's people, places,
 * organisations and tags as tags, as rules that know them would give.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <malloc.h>

#include "../corpus_truth.h"
#include "related.h"

struct truth {
	long	*topic;		/* per id */
	json_t	**rec;		/* per id: the manifest line */
};

static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* VmRSS or VmHWM (the peak) of /proc/self/status in MiB, or -1. */
static double
status_mib(const char *key)
{
	char line[256];
	size_t k = strlen(key);
	double kb = -1;
	FILE *f;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, k) == 0 && line[k] == ':')
			kb = strtod(line + k + 1, NULL);
	fclose(f);
	return kb < 0 ? -1 : kb / 1024;
}

/* Starts the peak over from the present (Linux 4.0 and later). */
static void
reset_peak(void)
{
	FILE *f;

	if ((f = fopen("/proc/self/clear_refs", "w")) != NULL) {
		fputs("5", f);
		fclose(f);
	}
}

static int
read_truth(struct truth *out, const char *dir, long maxid)
{
	char path[4096], line[65536];
	json_t *o;
	long id;
	FILE *f;

	snprintf(path, sizeof(path), "%s/manifest.jsonl", dir);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	out->topic = xcalloc((size_t)maxid + 1, sizeof(*out->topic));
	out->rec = xcalloc((size_t)maxid + 1, sizeof(*out->rec));
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((o = json_loads(line, 0, NULL)) == NULL)
			continue;
		id = (long)json_integer_value(json_object_get(o, "id"));
		if (id < 0 || id > maxid) {
			json_decref(o);
			continue;
		}
		out->topic[id] = (long)json_integer_value(json_object_get(o,
		    "topic"));
		out->rec[id] = o;
	}
	fclose(f);
	return 0;
}

static void
add_tags(struct article *a, json_t *rec)
{
	static const char *const kinds[][2] = {
		{ "people", "people" }, { "places", "places" },
		{ "organisations", "organisations" }, { "tags", "topics" }
	};
	json_t *e;
	size_t k, i;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		json_array_foreach(json_object_get(rec, kinds[k][0]), i, e)
			if (json_is_string(e))
				article_add_tag(a, kinds[k][1],
				    json_string_value(e), "manifest");
}

static void
report(struct article **v, const long *ids, size_t n, const char *dir)
{
	struct corpus_score cs;
	struct truth tr;
	size_t i, k, links = 0, same = 0, thr = 0, thr_same = 0, self = 0;
	long *root;

	if ((root = corpus_roots(dir, ids[n - 1])) != NULL) {
		corpus_score(&cs, v, ids, n, root);
		printf("copy_pairs_found %zu\ncopy_pairs_true %zu\n",
		    cs.found, cs.truth);
		printf("precision %.4f\nrecall %.4f\n", cs.found ?
		    (double)cs.right / cs.found : 1.0, cs.truth ?
		    (double)cs.right / cs.truth : 1.0);
		free(root);
	}
	if (read_truth(&tr, dir, ids[n - 1]) < 0)
		return;
	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i]->nrelated; k++) {
			links++;
			same += tr.topic[ids[v[i]->related[k].index]] ==
			    tr.topic[ids[i]];
			self += v[i]->related[k].index == i;
		}
		if (v[i]->thread_next >= 0) {
			thr++;
			thr_same += tr.topic[ids[v[i]->thread_next]] ==
			    tr.topic[ids[i]];
		}
	}
	printf("related_links %zu\nrelated_same_topic %.4f\n", links,
	    links ? (double)same / links : 0.0);
	printf("thread_links %zu\nthread_same_topic %.4f\nself_links %zu\n",
	    thr, thr ? (double)thr_same / thr : 0.0, self);
	for (i = 0; i <= (size_t)ids[n - 1]; i++)
		json_decref(tr.rec[i]);
	free(tr.rec);
	free(tr.topic);
}

int
main(int argc, char *argv[])
{
	struct related_config cfg = { 5, NULL, 0 };
	struct article **v = NULL;
	struct truth tr;
	long *ids = NULL;
	double t0, best = -1, rss;
	size_t i, n;
	int tags = 0, runs = 1, ch;

	while ((ch = getopt(argc, argv, "r:t")) != -1)
		if (ch == 't')
			tags = 1;
		else if (ch == 'r' && (runs = atoi(optarg)) >= 1 && runs <= 100)
			continue;
		else
			goto usage;
	if (optind + 1 != argc)
		goto usage;
	if ((n = corpus_load(&v, &ids, argv[optind])) == 0) {
		fprintf(stderr, "bench_related: no articles in %s/raw\n",
		    argv[optind]);
		free(v);
		free(ids);
		return 1;
	}
	if (tags && read_truth(&tr, argv[optind], ids[n - 1]) == 0) {
		for (i = 0; i < n; i++)
			add_tags(v[i], tr.rec[ids[i]]);
		for (i = 0; i <= (size_t)ids[n - 1]; i++)
			json_decref(tr.rec[i]);
		free(tr.rec);
		free(tr.topic);
	}
	/* What related_compute() adds: freed memory given back first, so
	 * that it does not hide in the resident size before. */
	malloc_trim(0);
	rss = status_mib("VmRSS");
	reset_peak();
	/* The least of the runs: on a shared machine, the others measure
	 * the neighbours too. */
	while (runs-- > 0) {
		t0 = cpu_seconds();
		related_compute(v, n, &cfg);
		t0 = cpu_seconds() - t0;
		if (best < 0 || t0 < best)
			best = t0;
	}
	printf("articles %zu\nseconds %.3f\n", n, best);
	printf("rss_load_mib %.1f\nrss_peak_mib %.1f\n", rss,
	    status_mib("VmHWM"));
	report(v, ids, n, argv[optind]);
	for (i = 0; i < n; i++)
		article_free(v[i]);
	free(v);
	free(ids);
	return 0;
usage:
	fprintf(stderr, "usage: bench_related [-t] [-r RUNS] DIR\n");
	return 2;
}
