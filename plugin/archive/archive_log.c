/*
 * archive_log.c: the archive of a site as `morgue log` and `morgue
 * publish` find it, and its history printed (archive.h).
 *
 * The archive of the site in DIR is where DIR/site.conf puts it
 * (archive.repo, relative to DIR, and archive.branch); without a
 * site.conf, the defaults.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive/archive_impl.h"
#include "core/conf.h"
#include "core/xalloc.h"

int
archive_open_site(struct archive **out, struct conf **conf, struct diag *d,
    const char *dir)
{
	struct buf p = BUF_INIT;
	struct pos pos;
	int rc = -1;

	*out = NULL;
	buf_printf(&p, "%s/site.conf", dir);
	if (access(p.data, F_OK) == 0) {
		if (conf_load(conf, d, p.data) < 0) {
			*conf = NULL;
			goto out;
		}
	} else
		*conf = conf_new();
	buf_reset(&p);
	if ((*conf)->archive_repo[0] == '/')
		buf_puts(&p, (*conf)->archive_repo);
	else
		buf_printf(&p, "%s/%s", dir, (*conf)->archive_repo);
	pos.file = p.data;
	pos.line = 0;
	if (access(p.data, F_OK) != 0)
		diag_err(d, &pos, "no archive yet: run morgue build first");
	else
		rc = archive_open(out, d, p.data, (*conf)->archive_branch);
out:
	buf_dispose(&p);
	return rc;
}

static void
put_date(FILE *out, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[64];

	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S UTC", &tm);
	fputs(s, out);
}

int
archive_log(FILE *f, struct archive *ar, struct diag *d)
{
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	const char *m, *nl;
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];
	int rc;

	rc = git_reference_name_to_id(&id, ar->repo, ar->refname);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0 || git_revwalk_new(&w, ar->repo) < 0 ||
	    git_revwalk_simplify_first_parent(w) < 0 ||
	    git_revwalk_push(w, &id) < 0) {
		git_revwalk_free(w);
		return archive_git_err(ar, d, "cannot read the history");
	}
	while (git_revwalk_next(&id, w) == 0) {
		if (git_commit_lookup(&c, ar->repo, &id) < 0) {
			git_revwalk_free(w);
			return archive_corrupt(ar, d, &id);
		}
		fprintf(f, "commit %s\nDate:   ", git_oid_tostr(hex, sizeof(hex),
		    &id));
		put_date(f, (long long)git_commit_time(c));
		fputs("\n\n", f);
		for (m = git_commit_message(c); *m != '\0'; m = nl + 1) {
			if ((nl = strchr(m, '\n')) == NULL)
				nl = m + strlen(m);
			fprintf(f, "    %.*s\n", (int)(nl - m), m);
			if (*nl == '\0')
				break;
		}
		fputs("\n", f);
		git_commit_free(c);
	}
	git_revwalk_free(w);
	return 0;
}

/* The permalink an argument names: a permalink or a page path under it
 * ("articles/.../slug/", "public/articles/.../index.html"), or the
 * source path of an article in the last articles.json. */
static char *
resolve(struct archive *ar, struct diag *d, const char *arg)
{
	struct archive_page *v = NULL;
	const struct archive_page *pg;
	struct buf p = BUF_INIT;
	const char *s;
	char *r = NULL;
	size_t n = 0, i;

	if (archive_pages(&v, &n, ar, d) < 0)
		return NULL;
	if ((pg = archive_pages_find(v, n, arg)) != NULL ||
	    (strncmp(arg, "content/", 8) == 0 &&
	    (pg = archive_pages_find(v, n, arg + 8)) != NULL))
		r = xstrdup(pg->permalink);
	if (r == NULL && (s = strstr(arg, "articles/")) != NULL) {
		buf_puts(&p, s);
		while (p.len > 0 && p.data[p.len - 1] != '/' &&
		    strstr(p.data, "index.") != NULL)
			p.data[--p.len] = '\0';
		if (p.len > 0 && p.data[p.len - 1] != '/')
			buf_putc(&p, '/');
		for (i = 0; i < n && r == NULL; i++)
			if (strcmp(v[i].permalink, p.data) == 0)
				r = xstrdup(p.data);
		if (r == NULL && n == 0)
			r = xstrdup(p.data);
	}
	buf_dispose(&p);
	archive_pages_free(v, n);
	return r;
}

int
archive_log_article(FILE *f, struct archive *ar, struct diag *d,
    const char *arg)
{
	struct archive_rev *v = NULL;
	struct buf diff = BUF_INIT;
	struct pos pos = { arg, 0 };
	char *permalink;
	size_t n = 0, i, words;

	if ((permalink = resolve(ar, d, arg)) == NULL) {
		diag_err(d, &pos, "no such article in the archive");
		return -1;
	}
	if (archive_revisions(&v, &n, ar, d, permalink) < 0) {
		free(permalink);
		return -1;
	}
	if (n == 0)
		diag_err(d, &pos, "no such article in the archive");
	for (i = n; i-- > 0;) {
		buf_reset(&diff);
		words = archive_word_diff(&diff, i ? v[i - 1].text : "",
		    i ? v[i - 1].len : 0, v[i].text, v[i].len, 0);
		fprintf(f, "revision %zu of %s\ncommit %s\nDate:   ", i + 1,
		    permalink, v[i].id);
		put_date(f, v[i].time);
		if (i == 0)
			fprintf(f, "\n\n    first archived (%zu words)\n\n",
			    words);
		else
			fprintf(f, "\n\n    %zu words changed: %s\n\n", words,
			    diff.data);
	}
	buf_dispose(&diff);
	archive_revs_free(v, n);
	free(permalink);
	return n == 0 ? -1 : 0;
}

