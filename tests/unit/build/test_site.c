/* test_site.c: permalinks, SOURCE_DATE_EPOCH and the output directory. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "render/outdir.h"
#include "build/site.h"
#include "core/xalloc.h"

static struct article *
art(const char *path, const char *date, const char *slug)
{
	struct article *a = xcalloc(1, sizeof(*a));

	a->path = xstrdup(path);
	a->date = date ? xstrdup(date) : NULL;
	a->slug = slug ? xstrdup(slug) : NULL;
	a->thread_prev = a->thread_next = -1;
	return a;
}

static void
free_all(struct article **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		article_free(v[i]);
}

/* What the archive published stays; the parser's and related's fields
 * are read, never written. */
static void
test_permalinks_published(void)
{
	struct article *v[4];
	struct diag d;

	diag_init(&d, NULL);
	v[0] = art("c/a.txt", "2025-03-14", "new-title");
	v[0]->published = xstrdup("articles/2025/03/14/old-title/");
	v[1] = art("c/b.txt", "2025-03-14", "old-title");
	v[2] = art("c/c.txt", NULL, "copy");
	v[2]->date_inferred = xstrdup("2025-03-13");
	v[2]->published = xstrdup("../../etc/");	/* not one of ours */
	v[3] = art("c/d.txt", "2025-03-15", "stale");
	v[3]->permalink = xstrdup("articles/1999/01/01/stale/");
	site_permalinks(&d, v, 4);
	CHECK_STR(v[0]->permalink, "articles/2025/03/14/old-title/");
	CHECK_STR(v[0]->published, "articles/2025/03/14/old-title/");
	CHECK_STR(v[1]->permalink, "articles/2025/03/14/old-title-2/");
	CHECK_STR(v[2]->permalink, "articles/2025/03/13/copy/");
	CHECK(v[2]->date == NULL);
	CHECK_STR(v[3]->permalink, "articles/2025/03/15/stale/");
	free_all(v, 4);
}

static void
test_permalinks_basic(void)
{
	struct article *v[3];
	struct diag d;

	diag_init(&d, NULL);
	v[0] = art("c/a.txt", "2025-03-14", "sarn-rises");
	v[1] = art("c/b.txt", NULL, "no-date");
	v[2] = art("c/c.txt", "1900-01-02", NULL);
	v[2]->title = xstrdup("Old Times: 1900!");
	site_permalinks(&d, v, 3);
	CHECK_STR(v[0]->permalink, "articles/2025/03/14/sarn-rises/");
	CHECK_STR(v[1]->permalink, "articles/undated/no-date/");
	CHECK_STR(v[2]->permalink, "articles/1900/01/02/old-times-1900/");
	CHECK(d.warnings == 0);
	free_all(v, 3);
}

/* Collisions are settled by (date, path), whatever the order of v; a
 * natural slug "x-2" is never taken by a suffixed "x". */
static void
test_permalinks_collisions(void)
{
	static const char *const order[][4] = {
		{ "c/a.txt", "c/b.txt", "c/c.txt", "c/d.txt" },
		{ "c/d.txt", "c/c.txt", "c/b.txt", "c/a.txt" },
		{ "c/c.txt", "c/a.txt", "c/d.txt", "c/b.txt" },
	};
	struct article *v[4];
	struct diag d;
	size_t r, i;
	const char *slug;

	for (r = 0; r < 3; r++) {
		diag_init(&d, NULL);
		for (i = 0; i < 4; i++) {
			slug = strcmp(order[r][i], "c/c.txt") == 0 ? "foo-2" :
			    strcmp(order[r][i], "c/d.txt") == 0 ? "FOO" : "foo";
			v[i] = art(order[r][i], "2025-01-01", slug);
		}
		site_permalinks(&d, v, 4);
		for (i = 0; i < 4; i++) {
			const char *want =
			    strcmp(v[i]->path, "c/a.txt") == 0 ? "foo" :
			    strcmp(v[i]->path, "c/b.txt") == 0 ? "foo-3" :
			    strcmp(v[i]->path, "c/c.txt") == 0 ? "foo-2" : "foo-4";
			char buf[64];

			snprintf(buf, sizeof(buf), "articles/2025/01/01/%s/",
			    want);
			CHECK_STR(v[i]->permalink, buf);
			CHECK_STR(v[i]->slug, want);
		}
		CHECK(d.warnings == 2);
		free_all(v, 4);
	}
}

/* A suffix keeps the slug within 80 bytes; hostile slugs are cleaned. */
static void
test_permalinks_hostile(void)
{
	char longslug[200];
	struct article *v[3];
	struct diag d;
	const char *s;

	memset(longslug, 'a', 80);
	longslug[80] = '\0';
	diag_init(&d, NULL);
	v[0] = art("c/1.txt", "2025-01-01", longslug);
	v[1] = art("c/2.txt", "2025-01-01", longslug);
	v[2] = art("c/3.txt", "2025-13-99/../..", "../../etc/passwd");
	site_permalinks(&d, v, 3);
	s = v[1]->permalink + strlen("articles/2025/01/01/");
	CHECK(strlen(s) == 81 && strcmp(s + 78, "-2/") == 0);
	CHECK_STR(v[2]->permalink, "articles/undated/etc-passwd/");
	free_all(v, 3);
}

static void
test_source_date(void)
{
	static const char *const bad[] = { "abc", "1.5", "-1", " 1", "1 ",
	    "99999999999999999999", "253402300800", "0x10" };
	struct diag d;
	long long t;
	size_t i;

	diag_init(&d, NULL);
	CHECK(site_source_date(&t, &d, NULL) == 0 && t == -1);
	CHECK(site_source_date(&t, &d, "") == 0 && t == -1);
	CHECK(site_source_date(&t, &d, "0") == 0 && t == 0);
	CHECK(site_source_date(&t, &d, "1700000000") == 0 && t == 1700000000);
	CHECK(site_source_date(&t, &d, "253402300799") == 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(site_source_date(&t, &d, bad[i]) == -1);
	CHECK(d.errors == sizeof(bad) / sizeof(bad[0]));
}

static void
test_outdir(void)
{
	char dir[] = "/tmp/morgue-outdir.XXXXXX";
	char path[256];
	struct outdir o;
	struct diag d;
	int changed = -1;

	diag_init(&d, NULL);
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/out", dir);
	CHECK(outdir_begin(&o, &d, path) == 0);
	CHECK(outdir_write(&o, &d, "a/b/c.txt", "x\0y", 3) == 0);
	CHECK(outdir_write(&o, &d, "../escape", "x", 1) == -1);
	CHECK(outdir_write(&o, &d, "a/./b", "x", 1) == -1);
	CHECK(outdir_commit(&o, &d, &changed) == 0 && changed == 1);
	outdir_dispose(&o);
	snprintf(path, sizeof(path), "%s/out/a/b/c.txt", dir);
	CHECK(access(path, F_OK) == 0);
	snprintf(path, sizeof(path), "%s/out", dir);
	CHECK(outdir_begin(&o, &d, path) == 0);
	CHECK(outdir_write(&o, &d, "a/b/c.txt", "x\0y", 3) == 0);
	CHECK(outdir_commit(&o, &d, &changed) == 0 && changed == 0);
	outdir_dispose(&o);
	CHECK(outdir_begin(&o, &d, path) == 0);
	CHECK(outdir_write(&o, &d, "a/b/c.txt", "x\0z", 3) == 0);
	CHECK(outdir_commit(&o, &d, &changed) == 0 && changed == 1);
	outdir_dispose(&o);
	CHECK(outdir_remove_tree(dir) == 0);
	CHECK(access(dir, F_OK) != 0);
}

int
main(void)
{
	test_permalinks_basic();
	test_permalinks_published();
	test_permalinks_collisions();
	test_permalinks_hostile();
	test_source_date();
	test_outdir();
	return harness_done();
}
