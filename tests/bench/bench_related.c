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
 * stay in the article's topic, self links (0), and the share of thread
 * links within a topic that skip no report of it.
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
#include "related/related.h"

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

/* A report of the archive: its topic and date, for threads. */
struct when {
	long		 topic;
	const char	*date;
};

static int
cmp_when(const void *x, const void *y)
{
	const struct when *a = x, *b = y;

	if (a->topic != b->topic)
		return a->topic < b->topic ? -1 : 1;
	return strcmp(a->date, b->date);
}

/* The first of the n in w at or after (topic, date). */
static size_t
lower(const struct when *w, size_t n, long topic, const char *date)
{
	struct when key = { topic, date };
	size_t lo = 0, hi = n, m;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (cmp_when(&w[m], &key) < 0)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/*
 * Of the thread links within one topic, those with no other report of
 * the topic (an original, not a copy) dated strictly between the two:
 * a thread that is in order walks its topic day by day.
 */
static size_t
in_order(struct article **v, const long *ids, size_t n,
    const struct truth *tr, size_t *within)
{
	struct when *w = xreallocarray(NULL, n + 1, sizeof(*w));
	const char *da, *db;
	size_t i, m = 0, good = 0, lo, hi;
	long t;

	for (i = 0; i < n; i++)
		if (json_is_null(json_object_get(tr->rec[ids[i]], "dup_of")) &&
		    v[i]->date != NULL && !v[i]->date_inferred) {
			w[m].topic = tr->topic[ids[i]];
			w[m++].date = v[i]->date;
		}
	sort_array(w, m, sizeof(*w), cmp_when);
	*within = 0;
	for (i = 0; i < n; i++) {
		if (v[i]->thread_next < 0 || (t = tr->topic[ids[i]]) !=
		    tr->topic[ids[v[i]->thread_next]])
			continue;
		da = v[i]->date;
		db = v[v[i]->thread_next]->date;
		if (da == NULL || db == NULL)
			continue;
		(*within)++;
		/* Reports dated after da and before db. */
		lo = lower(w, m, t, da);
		while (lo < m && w[lo].topic == t && strcmp(w[lo].date, da) == 0)
			lo++;
		hi = lower(w, m, t, db);
		good += hi <= lo;
	}
	free(w);
	return good;
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
	k = in_order(v, ids, n, &tr, &i);
	printf("thread_in_order %.4f\n", i ? (double)k / i : 0.0);
	for (i = 0; i <= (size_t)ids[n - 1]; i++)
		json_decref(tr.rec[i]);
	free(tr.rec);
	free(tr.topic);
}

int
main(int argc, char *argv[])
{
	struct related_config cfg = { 5, NULL, 0, 0, 0, NULL, 0, NULL, NULL };
	struct article **v = NULL;
	struct truth tr;
	long *ids = NULL;
	double t0, best = -1, rss, peak = -1;
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
	 * the neighbours too. The peak is the first run's: later ones
	 * start with the results of the one before. */
	for (i = 0; i < (size_t)runs; i++) {
		t0 = cpu_seconds();
		related_compute(v, n, &cfg);
		t0 = cpu_seconds() - t0;
		if (best < 0 || t0 < best)
			best = t0;
		if (i == 0)
			peak = status_mib("VmHWM");
	}
	printf("articles %zu\nseconds %.3f\n", n, best);
	printf("rss_load_mib %.1f\nrss_peak_mib %.1f\n", rss, peak);
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
