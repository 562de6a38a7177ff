/*
 * history.c: the archive read back for the site (history.h).
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "archive/history.h"
#include "render/md.h"
#include "core/par.h"
#include "core/xalloc.h"

/* The pages of the build in progress: each one's blob id is taken from
 * its text, made and dropped at once, so that a big build never holds
 * every page; the few texts the history reads are made again. */
struct page_ids {
	struct archive_page_text	 *pages;
	struct article *const		 *v;
	struct article *const		 *all;
	size_t				  n;
};

static char *
make_page(void *arg, size_t i, size_t *len)
{
	const struct page_ids *p = arg;
	char *text = md_page(p->v[i], p->all, p->n);

	*len = strlen(text);
	return text;
}

static void
id_item(void *arg, size_t i, unsigned worker)
{
	struct page_ids *p = arg;
	git_oid id;
	size_t len;
	char *text = make_page(p, i, &len);

	(void)worker;
	/* Hashing cannot fail for a blob held in memory; an all-zero id
	 * matches no page of the archive, which rewrites the page. */
	memset(&id, 0, sizeof(id));
	(void)git_odb_hash(&id, text, len, GIT_OBJECT_BLOB);
	memcpy(p->pages[i].blob, id.id, sizeof(p->pages[i].blob));
	free(text);
}

static void
take(struct strv *to, struct strv *from)
{
	*to = *from;
	memset(from, 0, sizeof(*from));
}

int
history_read(struct render_history *out, struct diag *d, struct archive *ar,
    struct article *const *v, struct article *const *all, size_t n,
    unsigned jobs, long long now)
{
	struct archive_page_text *pages = xcalloc(n + 1, sizeof(*pages));
	struct page_ids ids = { pages, v, all, n };
	struct archive_history *h = NULL;
	struct archive_change *ch = NULL;
	struct archive_rev *revs;
	struct render_revision *rr;
	struct buf diff = BUF_INIT;
	size_t i, k, nr, nch = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->revs = xcalloc(n + 1, sizeof(*out->revs));
	out->nrevs = xcalloc(n + 1, sizeof(*out->nrevs));
	for (i = 0; i < n; i++)
		pages[i].permalink = v[i]->permalink;
	par_for(n, jobs, 16, id_item, &ids);
	if (archive_history_load(&h, ar, d, pages, n, now, make_page,
	    &ids) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (archive_history_revisions(&revs, &nr, h, d, i) < 0)
			goto out;
		rr = out->revs[i] = xcalloc(nr + 1, sizeof(*rr));
		out->nrevs[i] = nr;
		for (k = 0; k < nr; k++) {
			rr[k].time = revs[k].time;
			if (k == 0)
				continue;
			buf_reset(&diff);
			archive_word_diff(&diff, revs[k - 1].text,
			    revs[k - 1].len, revs[k].text, revs[k].len, 1);
			rr[k].diff = xstrdup(diff.len ? diff.data : "");
		}
		archive_revs_free(revs, nr);
	}
	if (archive_history_changes(&ch, &nch, h, d, HISTORY_BUILDS) < 0)
		goto out;
	out->builds = xcalloc(nch + 1, sizeof(*out->builds));
	out->nbuilds = nch;
	for (k = 0; k < nch; k++) {
		out->builds[k].time = ch[k].time;
		take(&out->builds[k].added, &ch[k].added);
		take(&out->builds[k].added_titles, &ch[k].added_titles);
		take(&out->builds[k].changed, &ch[k].changed);
		take(&out->builds[k].changed_titles, &ch[k].changed_titles);
		take(&out->builds[k].removed_titles, &ch[k].removed_titles);
	}
	rc = 0;
out:
	archive_changes_free(ch, nch);
	archive_history_free(h);
	free(pages);
	buf_dispose(&diff);
	if (rc < 0)
		history_dispose(out, n);
	return rc;
}

void
history_dispose(struct render_history *h, size_t n)
{
	size_t i, k;

	for (i = 0; h->revs != NULL && i < n; i++) {
		for (k = 0; h->revs[i] != NULL && k < h->nrevs[i]; k++)
			free(h->revs[i][k].diff);
		free(h->revs[i]);
	}
	free(h->revs);
	free(h->nrevs);
	for (k = 0; k < h->nbuilds; k++) {
		strv_dispose(&h->builds[k].added);
		strv_dispose(&h->builds[k].added_titles);
		strv_dispose(&h->builds[k].changed);
		strv_dispose(&h->builds[k].changed_titles);
		strv_dispose(&h->builds[k].removed_titles);
	}
	free(h->builds);
	memset(h, 0, sizeof(*h));
}
