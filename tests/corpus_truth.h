/*
 * corpus_truth.h: a generated archive (../shared/bench/gen_corpus.py)
 * and its ground truth, for test_related.c and bench_related.c, which
 * both include it (so its functions are static).
 *
 * DIR/raw/NNNNNN.txt are the articles; DIR/manifest.jsonl says for each
 * id which original it is a copy of (dup_of). Copies of one original are
 * all copies of each other.
 */
#ifndef MORGUE_CORPUS_TRUTH_H
#define MORGUE_CORPUS_TRUTH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/article.h"
#include "core/xalloc.h"

struct corpus_score {
	size_t	found;		/* pairs of copies found */
	size_t	truth;		/* pairs of copies in the manifest */
	size_t	right;		/* found and true */
};

static int
corpus_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/*
 * Loads DIR/raw/ *.txt in name order into *out (the caller frees each
 * article and the arrays); (*ids)[i] is the number in the file name.
 * Returns how many loaded.
 */
static size_t
corpus_load(struct article ***out, long **ids, const char *dir)
{
	struct strv names = STRV_INIT;
	struct diag d;
	struct dirent *e;
	char path[4096];
	DIR *dp;
	size_t i, n = 0;

	*out = NULL;
	*ids = NULL;
	snprintf(path, sizeof(path), "%s/raw", dir);
	if ((dp = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL)
		if (strstr(e->d_name, ".txt") != NULL)
			strv_push(&names, e->d_name);
	closedir(dp);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), corpus_cmp);
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

/* root[id] for id <= maxid: the original of id (itself if none), or
 * NULL without a manifest. The caller frees it. */
static long *
corpus_roots(const char *dir, long maxid)
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
		    strncmp(p + 10, "null", 4) == 0 || id < 0 || id > maxid)
			continue;
		dup = strtol(p + 10, NULL, 10);
		/* Originals come before their copies in the manifest. */
		root[id] = dup >= 0 && dup <= maxid ? root[dup] : dup;
	}
	fclose(f);
	return root;
}

/* Pairs of copies: a->syndicated against the manifest's. */
static void
corpus_score(struct corpus_score *out, struct article **v, const long *ids,
    size_t n, const long *root)
{
	size_t i, k, *cnt;
	long maxid = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i]->nsyndicated; k++) {
			out->found++;
			out->right += root[ids[v[i]->syndicated[k]]] ==
			    root[ids[i]];
		}
		if (ids[i] > maxid)
			maxid = ids[i];
	}
	/* A class of m copies has m(m-1) ordered pairs. */
	cnt = xcalloc((size_t)maxid + 1, sizeof(*cnt));
	for (i = 0; i < n; i++)
		cnt[root[ids[i]]]++;
	for (i = 0; i <= (size_t)maxid; i++)
		out->truth += cnt[i] > 1 ? cnt[i] * (cnt[i] - 1) : 0;
	free(cnt);
	out->found /= 2;
	out->right /= 2;
	out->truth /= 2;
}

#endif
