/*
 * archive_hist.c: reading the archive's history back: an article's
 * revisions, word-level diffs between them, the latest builds' changes
 * (archive.h), and `morgue log`.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark.h>

#include "archive/archive_impl.h"
#include "core/xalloc.h"

/* Words of context kept on each side of a change. */
#define DIFF_CONTEXT	8

/* Walks the branch's first-parent history: newest first, or oldest
 * first with reverse. *out is NULL when the branch has no commit. */
static int
walk_new(git_revwalk **out, struct archive *ar, struct diag *d, int reverse)
{
	git_oid id;
	int rc;

	*out = NULL;
	rc = git_reference_name_to_id(&id, ar->repo, ar->refname);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0 || git_revwalk_new(out, ar->repo) < 0 ||
	    git_revwalk_sorting(*out, GIT_SORT_TOPOLOGICAL |
	    (reverse ? GIT_SORT_REVERSE : 0)) < 0 ||
	    git_revwalk_simplify_first_parent(*out) < 0 ||
	    git_revwalk_push(*out, &id) < 0) {
		git_revwalk_free(*out);
		*out = NULL;
		return archive_git_err(ar, d, "cannot read the history");
	}
	return 0;
}

static void
push_rev(struct archive_rev **v, size_t *n, git_commit *c, git_blob *b)
{
	struct archive_rev *r;

	*v = xgrow(*v, *n, sizeof(**v));
	r = &(*v)[(*n)++];
	r->time = (long long)git_commit_time(c);
	git_oid_tostr(r->id, sizeof(r->id), git_commit_id(c));
	r->len = (size_t)git_blob_rawsize(b);
	r->text = xmalloc(r->len + 1);
	memcpy(r->text, git_blob_rawcontent(b), r->len);
	r->text[r->len] = '\0';
}

int
archive_revisions(struct archive_rev **out, size_t *n, struct archive *ar,
    struct diag *d, const char *permalink)
{
	struct archive_rev *v = NULL;
	struct buf path = BUF_INIT;
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_tree_entry *te = NULL;
	git_blob *b = NULL;
	git_oid id, last;
	size_t nv = 0;
	int rc = -1, have = 0;

	buf_printf(&path, "%s%sindex.md", permalink,
	    *permalink && permalink[strlen(permalink) - 1] != '/' ? "/" : "");
	if (walk_new(&w, ar, d, 1) < 0)
		goto out;
	while (w != NULL && git_revwalk_next(&id, w) == 0) {
		if (git_commit_lookup(&c, ar->repo, &id) < 0 ||
		    git_commit_tree(&t, c) < 0) {
			archive_corrupt(ar, d, &id);
			goto out;
		}
		if (git_tree_entry_bypath(&te, t, path.data) == 0 &&
		    (!have || !git_oid_equal(&last, git_tree_entry_id(te)))) {
			if (git_blob_lookup(&b, ar->repo,
			    git_tree_entry_id(te)) < 0) {
				archive_corrupt(ar, d, git_tree_entry_id(te));
				goto out;
			}
			git_oid_cpy(&last, git_tree_entry_id(te));
			have = 1;
			if (nv == 0 || archive_text_differs(v[nv - 1].text,
			    v[nv - 1].len, git_blob_rawcontent(b),
			    (size_t)git_blob_rawsize(b)))
				push_rev(&v, &nv, c, b);
			git_blob_free(b);
			b = NULL;
		}
		git_tree_entry_free(te);
		git_tree_free(t);
		git_commit_free(c);
		te = NULL, t = NULL, c = NULL;
	}
	*out = v;
	*n = nv;
	v = NULL;
	rc = 0;
out:
	archive_revs_free(v, nv);
	git_tree_entry_free(te);
	git_tree_free(t);
	git_commit_free(c);
	git_revwalk_free(w);
	buf_dispose(&path);
	return rc;
}

/* {==== word diff ===== */

struct wdiff {
	struct buf	*out;
	int		 html;
	int		 origin;	/* of the open run, or 0 */
	size_t		 changed;
	int		 hunks;
	size_t		 end;		/* words of b up to the last hunk */
};

/* One word per line, so that a line diff is a word diff. */
static void
words(struct buf *w, const char *s, size_t len)
{
	size_t i = 0, j;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\n' ||
		    s[i] == '\t' || s[i] == '\r'))
			i++;
		for (j = i; j < len && s[j] != ' ' && s[j] != '\n' &&
		    s[j] != '\t' && s[j] != '\r'; j++)
			;
		if (j > i) {
			buf_put(w, s + i, j - i);
			buf_putc(w, '\n');
		}
		i = j;
	}
}

/*
 * The words of a page's Markdown body as a reader sees them: link
 * targets, emphasis marks and backslash escapes are not words of the
 * story, so a diff never shows "[Name](../x/)" or "\[3\]".
 */
static void
plain_words(struct buf *w, const char *s, size_t len)
{
	struct buf t = BUF_INIT;
	cmark_node *doc = cmark_parse_document(s, len, CMARK_OPT_DEFAULT);
	cmark_node *n;
	cmark_iter *it;
	cmark_event_type ev;
	const char *lit;

	if (doc == NULL) {
		words(w, s, len);
		return;
	}
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_HTML_BLOCK:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(&t, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&t, ' ');
			break;
		default:
			/* A block's end is a word's end. */
			if (ev == CMARK_EVENT_EXIT &&
			    cmark_node_get_type(n) <= CMARK_NODE_LAST_BLOCK)
				buf_putc(&t, '\n');
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	words(w, t.data != NULL ? t.data : "", t.len);
	buf_dispose(&t);
}

/* A changed title's words come first, so that a new headline shows. */
static void
title_words(struct buf *wa, struct buf *wb, const char *a, size_t alen,
    const char *b, size_t blen)
{
	char *x = archive_page_title(a, alen), *y = archive_page_title(b, blen);

	if (x != NULL && y != NULL && strcmp(x, y) != 0) {
		words(wa, x, strlen(x));
		words(wb, y, strlen(y));
	}
	free(x);
	free(y);
}

static void
put_text(struct buf *b, const char *s, size_t len, int html)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!html)
			buf_putc(b, s[i]);
		else if (s[i] == '&')
			BUF_PUTSL(b, "&amp;");
		else if (s[i] == '<')
			BUF_PUTSL(b, "&lt;");
		else if (s[i] == '>')
			BUF_PUTSL(b, "&gt;");
		else if (s[i] == '"')
			BUF_PUTSL(b, "&quot;");
		else
			buf_putc(b, s[i]);
}

static void
close_run(struct wdiff *w)
{
	if (w->origin == '-')
		buf_puts(w->out, w->html ? "</del>" : "-]");
	else if (w->origin == '+')
		buf_puts(w->out, w->html ? "</ins>" : "+}");
	w->origin = 0;
}

static int
hunk_cb(const git_diff_delta *delta, const git_diff_hunk *h, void *payload)
{
	struct wdiff *w = payload;

	(void)delta;
	close_run(w);
	if (w->hunks++ > 0 || h->old_start > 1 || h->new_start > 1)
		buf_puts(w->out, w->out->len > 0 ? " … " : "… ");
	w->end = (size_t)h->new_start + (size_t)h->new_lines - 1;
	return 0;
}

static int
line_cb(const git_diff_delta *delta, const git_diff_hunk *h,
    const git_diff_line *l, void *payload)
{
	struct wdiff *w = payload;
	size_t len = l->content_len;

	(void)delta;
	(void)h;
	if (l->origin != ' ' && l->origin != '-' && l->origin != '+')
		return 0;
	if (len > 0 && l->content[len - 1] == '\n')
		len--;
	if (l->origin != w->origin) {
		close_run(w);
		if (w->out->len > 0 && w->out->data[w->out->len - 1] != ' ')
			buf_putc(w->out, ' ');
		if (l->origin == '-')
			buf_puts(w->out, w->html ? "<del>" : "[-");
		else if (l->origin == '+')
			buf_puts(w->out, w->html ? "<ins>" : "{+");
		w->origin = l->origin == ' ' ? 0 : l->origin;
	} else
		buf_putc(w->out, ' ');
	if (l->origin != ' ')
		w->changed++;
	put_text(w->out, l->content, len, w->html);
	return 0;
}

size_t
archive_word_diff(struct buf *out, const char *a, size_t alen,
    const char *b, size_t blen, int html)
{
	git_diff_options o;
	struct buf wa = BUF_INIT, wb = BUF_INIT, tmp = BUF_INIT;
	struct wdiff w;
	const char *x, *y;
	size_t lx, ly, i, nb;

	git_libgit2_init();
	title_words(&wa, &wb, a, alen, b, blen);
	x = archive_md_body(a, alen, &lx);
	y = archive_md_body(b, blen, &ly);
	plain_words(&wa, x, lx);
	plain_words(&wb, y, ly);
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.context_lines = DIFF_CONTEXT;
	o.flags = GIT_DIFF_FORCE_TEXT;
	memset(&w, 0, sizeof(w));
	w.out = &tmp;
	w.html = html;
	git_diff_buffers(wa.data, wa.len, NULL, wb.data, wb.len, NULL, &o,
	    NULL, NULL, hunk_cb, line_cb, &w);
	close_run(&w);
	for (i = 0, nb = 0; i < wb.len; i++)
		nb += wb.data[i] == '\n';
	if (w.hunks > 0 && w.end < nb)
		buf_puts(&tmp, " …");
	buf_put(out, tmp.data, tmp.len);
	buf_dispose(&wa);
	buf_dispose(&wb);
	buf_dispose(&tmp);
	git_libgit2_shutdown();
	return w.changed;
}

/* {==== the latest builds' changes ===== */

static int
change_of(struct archive_change *ch, struct archive *ar, struct diag *d,
    git_commit *c)
{
	git_commit *p = NULL;
	git_tree *t = NULL, *pt = NULL;
	int rc = -1;

	memset(ch, 0, sizeof(*ch));
	if (git_commit_tree(&t, c) < 0 ||
	    (git_commit_parentcount(c) > 0 &&
	    (git_commit_parent(&p, c, 0) < 0 || git_commit_tree(&pt, p) < 0))) {
		archive_corrupt(ar, d, git_commit_id(c));
		goto out;
	}
	ch->time = (long long)git_commit_time(c);
	git_oid_tostr(ch->id, sizeof(ch->id), git_commit_id(c));
	archive_diff(ch, ar, pt, t);
	rc = 0;
out:
	git_tree_free(pt);
	git_tree_free(t);
	git_commit_free(p);
	return rc;
}

int
archive_changes(struct archive_change **out, size_t *n, struct archive *ar,
    struct diag *d, size_t max)
{
	struct archive_change *v = NULL, ch;
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	git_oid id;
	size_t nv = 0;
	int rc = -1;

	if (walk_new(&w, ar, d, 0) < 0)
		goto out;
	while (w != NULL && nv < max && git_revwalk_next(&id, w) == 0) {
		if (git_commit_lookup(&c, ar->repo, &id) < 0) {
			archive_corrupt(ar, d, &id);
			goto out;
		}
		if (change_of(&ch, ar, d, c) < 0)
			goto out;
		git_commit_free(c);
		c = NULL;
		if (ch.added.n + ch.changed.n + ch.removed.n == 0) {
			archive_change_dispose(&ch);
			continue;
		}
		v = xgrow(v, nv, sizeof(*v));
		v[nv++] = ch;
	}
	*out = v;
	*n = nv;
	v = NULL;
	rc = 0;
out:
	archive_changes_free(v, nv);
	git_commit_free(c);
	git_revwalk_free(w);
	return rc;
}

