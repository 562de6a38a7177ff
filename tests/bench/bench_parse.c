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
 * that the page took. MB/s is the bytes of the input files over the wall
 * time of the parsing passes (one thread); the same over the process's
 * CPU time follows, which a busy machine distorts less. Skipped files
 * (binary, empty) count as parsed, and their number is printed. The
 * one-time set-up (ICU's transliterator registry, opened by the first
 * non-ASCII title, and the tables built on first use) is done before
 * the timing and its time printed apart: a run over a whole archive
 * pays it once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse/article.h"
#include "render/md.h"
#include "parse/slug.h"
#include "parse/text.h"
#include "core/xalloc.h"

struct input {
	char	*path;
	char	*data;
	size_t	 len;
};

static double
now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds of wall time and of CPU time. */
struct times {
	double	wall, cpu;
};

static void
times_now(struct times *t)
{
	t->wall = now(CLOCK_MONOTONIC);
	t->cpu = now(CLOCK_PROCESS_CPUTIME_ID);
}

/* Adds the time since *t0 to *sum. */
static void
times_add(struct times *sum, const struct times *t0)
{
	struct times t1;

	times_now(&t1);
	sum->wall += t1.wall - t0->wall;
	sum->cpu += t1.cpu - t0->cpu;
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

/* One pass over every input: adds the time of article_parse and md_page
 * to *secs, of md_page alone to *page_cpu (CPU time), and, separately,
 * of a pass of text_decode alone to *decode_cpu. Returns the files
 * skipped. */
static size_t
pass(const struct input *v, size_t n, struct diag *d, struct times *secs,
    double *page_cpu, double *decode_cpu)
{
	struct buf text = BUF_INIT;
	struct article *a;
	struct times t0;
	size_t i, skipped = 0;
	double t;
	char *page;

	t = now(CLOCK_PROCESS_CPUTIME_ID);
	for (i = 0; i < n; i++) {
		buf_reset(&text);
		(void)text_decode(&text, d, v[i].path, v[i].data, v[i].len);
	}
	*decode_cpu += now(CLOCK_PROCESS_CPUTIME_ID) - t;
	buf_dispose(&text);
	times_now(&t0);
	for (i = 0; i < n; i++) {
		if (article_parse(&a, d, v[i].path, v[i].data, v[i].len) < 0) {
			skipped++;
			continue;
		}
		t = now(CLOCK_PROCESS_CPUTIME_ID);
		page = md_page(a, NULL, 0);
		*page_cpu += now(CLOCK_PROCESS_CPUTIME_ID) - t;
		free(page);
		article_free(a);
	}
	times_add(secs, &t0);
	return skipped;
}

int
main(int argc, char **argv)
{
	struct input *v;
	struct diag d;
	size_t n = 0, bytes = 0, passes = 0, skipped = 0;
	struct times secs = { 0, 0 };
	double min = 2.0, page_cpu = 0, decode_cpu = 0, mb, setup;
	struct article *a;
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
	setup = now(CLOCK_MONOTONIC);
	free(slug_make("\xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2", 80));
	if (article_parse(&a, &d, v[0].path, v[0].data, v[0].len) == 0) {
		free(md_page(a, NULL, 0));
		article_free(a);
	}
	setup = now(CLOCK_MONOTONIC) - setup;
	do {
		skipped = pass(v, n, &d, &secs, &page_cpu, &decode_cpu);
		passes++;
	} while (secs.wall < min);
	mb = (double)bytes * (double)passes / 1e6;
	printf("%zu articles (%zu skipped), %.2f MB, %zu passes in %.2f s: "
	    "%.1f MB/s, %.0f articles/s (CPU time: %.1f MB/s); "
	    "md_page %.0f%% of the time; text_decode alone %.0f MB/s; "
	    "one-time set-up %.3f s, not counted\n",
	    n, skipped, (double)bytes / 1e6, passes, secs.wall,
	    mb / secs.wall, (double)n * (double)passes / secs.wall,
	    mb / secs.cpu, 100 * page_cpu / secs.cpu, mb / decode_cpu, setup);
	while (n > 0) {
		free(v[--n].path);
		free(v[n].data);
	}
	free(v);
	return 0;
}
