/*
 * bench_parse.c: parse throughput on one core.
 *
 *   bench_parse [-s SECONDS] [FILE...]
 *
 * Reads every FILE (or every path on standard input, one a line, when
 * there is none) into memory first (the disk is not measured), then,
 * for at least SECONDS (default 2) of whole passes over all of them,
 * parses each (article_parse: text_decode and the field extraction) and
 * builds its Markdown page (md_page: front matter and CommonMark body).
 * Prints bytes, articles, MB/s and articles/s, and the share of the time
 * that the page took. Skipped files (binary, empty) count as parsed.
 * Times are the process's CPU time (one thread), so that a busy machine
 * does not distort them as much as wall time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "md.h"
#include "text.h"
#include "xalloc.h"

struct input {
	char	*path;
	char	*data;
	size_t	 len;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
slurp(struct input *in, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	in->path = xstrdup(path);
	in->len = b.len;
	in->data = buf_detach(&b);
	return 0;
}

/* Reads the files named on standard input into *v; returns the bytes. */
static size_t
read_list(struct input **v, size_t *n)
{
	char line[4096];
	size_t len, bytes = 0, cap = 0;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*v = xreallocarray(*v, cap, sizeof(**v));
		}
		if (len > 0 && slurp(&(*v)[*n], line) == 0)
			bytes += (*v)[(*n)++].len;
	}
	return bytes;
}

/* One pass over every input; adds the seconds spent in md_page and,
 * separately (not part of the pass's time), in text_decode alone. */
static void
pass(const struct input *v, size_t n, struct diag *d, double *page_secs,
    double *decode_secs)
{
	struct buf text = BUF_INIT;
	struct article *a;
	size_t i;
	double t;
	char *page;

	t = now();
	for (i = 0; i < n; i++) {
		buf_reset(&text);
		(void)text_decode(&text, d, v[i].path, v[i].data, v[i].len);
	}
	*decode_secs += now() - t;
	buf_dispose(&text);
	for (i = 0; i < n; i++) {
		if (article_parse(&a, d, v[i].path, v[i].data, v[i].len) < 0)
			continue;
		t = now();
		page = md_page(a, NULL, 0);
		*page_secs += now() - t;
		free(page);
		article_free(a);
	}
}

int
main(int argc, char **argv)
{
	struct input *v;
	struct diag d;
	size_t n = 0, bytes = 0, passes = 0;
	double min = 2.0, t0, secs = 0, page_secs = 0, decode_secs = 0, t;
	int i = 1;

	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		min = atof(argv[2]);
		i = 3;
	}
	v = xcalloc((size_t)argc, sizeof(*v));
	for (; i < argc; i++)
		if (slurp(&v[n], argv[i]) == 0)
			bytes += v[n++].len;
	if (n == 0)
		bytes = read_list(&v, &n);
	if (n == 0) {
		fprintf(stderr, "usage: bench_parse [-s SECONDS] [FILE...]\n");
		return 2;
	}
	diag_init(&d, NULL);
	t0 = now();
	do {
		t = decode_secs;
		pass(v, n, &d, &page_secs, &decode_secs);
		passes++;
		secs -= decode_secs - t;
	} while ((secs += now() - t0, t0 = now(), secs) < min);
	printf("%zu articles, %.2f MB, %zu passes in %.2f s: "
	    "%.1f MB/s, %.0f articles/s; md_page %.0f%% of the time; "
	    "text_decode alone %.0f MB/s\n",
	    n, (double)bytes / 1e6, passes, secs,
	    (double)bytes * (double)passes / 1e6 / secs,
	    (double)n * (double)passes / secs, 100 * page_secs / secs,
	    (double)bytes * (double)passes / 1e6 / decode_secs);
	while (n > 0) {
		free(v[--n].path);
		free(v[n].data);
	}
	free(v);
	return 0;
}
