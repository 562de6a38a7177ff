/*
 * archive_scan.c: the history of the articles, read once per build
 * (archive.h): which build wrote which version of which article's page,
 * then each article's revisions and the latest builds' changes, with the
 * build in progress as a pending build on top.
 *
 * The walk compares each commit's tree with its first parent's under
 * articles/ and descends only into the subtrees whose ids differ, so a
 * build that changed three articles costs a few tree reads, whatever the
 * size of the archive. Page texts are read only where two versions must
 * be compared.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "archive/archive_impl.h"
#include "core/xalloc.h"

#define PAGES_DIR	"articles/"
#define PAGE_NAME	"index.md"

/* A build: a commit of the branch, or the pending one (index 0). */
struct hcommit {
	long long	 time;
	char		 id[GIT_OID_HEXSZ + 1];
};

/* A version of one article's page, written (or removed) by a build. */
struct hev {
	char					*permalink;
	size_t					 commit;
	git_oid					 blob;
	int					 removed;
	const struct archive_page_text		*pend;	/* pending text */
};

struct archive_history {
	struct archive			*ar;
	const struct archive_page_text	*pages;
	size_t				 npages;
	archive_page_maker		 make;	/* the texts not given */
	void				*make_arg;
	struct hcommit			*c;
	size_t				 nc;
	struct hev			*ev;	/* by permalink, newest first */
	size_t				 nev, cap;
};

/* {==== reading the history ===== */

static void
add_event(struct archive_history *h, const char *permalink, size_t commit,
    const git_oid *blob, const struct archive_page_text *pend)
{
	struct hev *e;

	ARRAY_GROW(h->ev, h->nev, h->cap);
	e = &h->ev[h->nev++];
	memset(e, 0, sizeof(*e));
	e->permalink = xstrdup(permalink);
	e->commit = commit;
	e->removed = blob == NULL;
	if (blob != NULL)
		git_oid_cpy(&e->blob, blob);
	e->pend = pend;
}

static int	diff_trees(struct archive_history *h, size_t commit,
		    git_tree *n, git_tree *o, struct buf *prefix);

/* One name of a directory, in the new tree (ne) or the old (oe). */
static int
diff_entry(struct archive_history *h, size_t commit, const git_tree_entry *ne,
    const git_tree_entry *oe, struct buf *prefix)
{
	const git_tree_entry *e = ne != NULL ? ne : oe;
	git_tree *nt = NULL, *ot = NULL;
	size_t len = prefix->len;
	int rc = 0;

	if (ne != NULL && oe != NULL &&
	    git_oid_equal(git_tree_entry_id(ne), git_tree_entry_id(oe)))
		return 0;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		if (strcmp(git_tree_entry_name(e), PAGE_NAME) != 0 ||
		    (ne != NULL && git_tree_entry_type(ne) != GIT_OBJECT_BLOB))
			return 0;
		add_event(h, prefix->data, commit,
		    ne != NULL ? git_tree_entry_id(ne) : NULL, NULL);
		return 0;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return 0;
	if ((ne != NULL && git_tree_entry_type(ne) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&nt, h->ar->repo, git_tree_entry_id(ne)) < 0) ||
	    (oe != NULL && git_tree_entry_type(oe) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&ot, h->ar->repo, git_tree_entry_id(oe)) < 0))
		rc = -1;
	else {
		buf_printf(prefix, "%s/", git_tree_entry_name(e));
		rc = diff_trees(h, commit, nt, ot, prefix);
		prefix->len = len;
		prefix->data[len] = '\0';
	}
	git_tree_free(nt);
	git_tree_free(ot);
	return rc;
}

/* The pages that tree n (may be NULL) has new, and those it lost from o. */
static int
diff_trees(struct archive_history *h, size_t commit, git_tree *n,
    git_tree *o, struct buf *prefix)
{
	const git_tree_entry *e, *other;
	size_t i, k;

	k = n != NULL ? git_tree_entrycount(n) : 0;
	for (i = 0; i < k; i++) {
		e = git_tree_entry_byindex(n, i);
		other = o != NULL ? git_tree_entry_byname(o,
		    git_tree_entry_name(e)) : NULL;
		if (diff_entry(h, commit, e, other, prefix) < 0)
			return -1;
	}
	k = o != NULL ? git_tree_entrycount(o) : 0;
	for (i = 0; i < k; i++) {
		e = git_tree_entry_byindex(o, i);
		if ((n == NULL || git_tree_entry_byname(n,
		    git_tree_entry_name(e)) == NULL) &&
		    diff_entry(h, commit, NULL, e, prefix) < 0)
			return -1;
	}
	return 0;
}

/* The articles/ subtree of a tree (may be NULL), or NULL. */
static int
pages_subtree(git_tree **out, struct archive *ar, git_tree *t)
{
	git_tree_entry *te = NULL;
	int rc = 0;

	*out = NULL;
	if (t != NULL && git_tree_entry_bypath(&te, t, "articles") == 0 &&
	    git_tree_entry_type(te) == GIT_OBJECT_TREE &&
	    git_tree_lookup(out, ar->repo, git_tree_entry_id(te)) < 0)
		rc = -1;
	git_tree_entry_free(te);
	return rc;
}

/* The articles/ subtree of a commit (may be NULL), or NULL. */
static int
pages_tree(git_tree **out, struct archive *ar, git_commit *c)
{
	git_tree *t = NULL;
	int rc;

	*out = NULL;
	if (c == NULL)
		return 0;
	if (git_commit_tree(&t, c) < 0)
		return -1;
	rc = pages_subtree(out, ar, t);
	git_tree_free(t);
	return rc;
}

static int
cmp_page(const void *a, const void *b)
{
	return strcmp(((const struct archive_page_text *)a)->permalink,
	    ((const struct archive_page_text *)b)->permalink);
}

/* The tip's pages that the build in progress no longer has. */
struct gone {
	struct archive_history		*h;
	struct archive_page_text	*sorted;
	struct buf			 p;
};

static int
gone_cb(const char *root, const git_tree_entry *te, void *payload)
{
	struct gone *g = payload;
	struct archive_page_text key;

	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB ||
	    strcmp(git_tree_entry_name(te), PAGE_NAME) != 0)
		return 0;
	buf_reset(&g->p);
	buf_printf(&g->p, "%s%s", PAGES_DIR, root);
	memset(&key, 0, sizeof(key));
	key.permalink = g->p.data;
	if (bsearch(&key, g->sorted, g->h->npages, sizeof(key), cmp_page) ==
	    NULL)
		add_event(g->h, g->p.data, 0, NULL, NULL);
	return 0;
}

/* The pending build: pages that are new or differ from the tip's, and
 * the tip's pages that are gone. */
static int
pending(struct archive_history *h, git_commit *tip)
{
	struct gone g = { h, NULL, BUF_INIT };
	git_tree *t = NULL;
	git_tree_entry *te = NULL;
	struct buf p = BUF_INIT;
	git_oid id;
	size_t i;
	int rc = -1;

	if (pages_tree(&t, h->ar, tip) < 0)
		goto out;
	for (i = 0; i < h->npages; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s%s", h->pages[i].permalink, PAGE_NAME);
		if (h->pages[i].text == NULL)
			git_oid_fromraw(&id, h->pages[i].blob);
		else if (git_odb_hash(&id, h->pages[i].text, h->pages[i].len,
		    GIT_OBJECT_BLOB) < 0)
			goto out;
		if (t != NULL && strncmp(p.data, PAGES_DIR, 9) == 0 &&
		    git_tree_entry_bypath(&te, t, p.data + 9) == 0 &&
		    git_oid_equal(&id, git_tree_entry_id(te))) {
			git_tree_entry_free(te);
			te = NULL;
			continue;
		}
		git_tree_entry_free(te);
		te = NULL;
		add_event(h, h->pages[i].permalink, 0, &id, &h->pages[i]);
	}
	if (t != NULL) {
		g.sorted = xcalloc(h->npages + 1, sizeof(*g.sorted));
		if (h->npages > 0)
			memcpy(g.sorted, h->pages,
			    h->npages * sizeof(*g.sorted));
		sort_array(g.sorted, h->npages, sizeof(*g.sorted), cmp_page);
		if (git_tree_walk(t, GIT_TREEWALK_PRE, gone_cb, &g) < 0)
			goto out;
	}
	rc = 0;
out:
	free(g.sorted);
	buf_dispose(&g.p);
	buf_dispose(&p);
	git_tree_free(t);
	return rc;
}

static int
cmp_event(const void *a, const void *b)
{
	const struct hev *x = a, *y = b;
	int c = strcmp(x->permalink, y->permalink);

	if (c != 0)
		return c;
	return x->commit < y->commit ? -1 : x->commit > y->commit;
}

int
archive_history_load(struct archive_history **out, struct archive *ar,
    struct diag *d, const struct archive_page_text *pages, size_t n,
    long long now, archive_page_maker make, void *make_arg)
{
	struct archive_history *h = xcalloc(1, sizeof(*h));
	git_revwalk *w = NULL;
	git_commit *c = NULL, *p = NULL, *tip = NULL;
	git_tree *nt = NULL, *ot = NULL;
	struct buf prefix = BUF_INIT;
	git_oid id;
	int rc = -1, err;

	h->ar = ar;
	h->pages = pages;
	h->npages = n;
	h->make = make;
	h->make_arg = make_arg;
	h->c = xcalloc(1, sizeof(*h->c));
	h->c[0].time = now;
	h->nc = 1;
	if (archive_tip(&tip, ar, d) < 0)
		goto out;
	if (tip != NULL && (git_revwalk_new(&w, ar->repo) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL) < 0 ||
	    git_revwalk_simplify_first_parent(w) < 0 ||
	    git_revwalk_push(w, git_commit_id(tip)) < 0)) {
		archive_git_err(ar, d, "cannot read the history");
		goto out;
	}
	while (w != NULL && (err = git_revwalk_next(&id, w)) == 0) {
		if (git_commit_lookup(&c, ar->repo, &id) < 0 ||
		    (git_commit_parentcount(c) > 0 &&
		    git_commit_parent(&p, c, 0) < 0) ||
		    pages_tree(&nt, ar, c) < 0 || pages_tree(&ot, ar, p) < 0) {
			archive_corrupt(ar, d, &id);
			goto out;
		}
		h->c = xgrow(h->c, h->nc, sizeof(*h->c));
		h->c[h->nc].time = (long long)git_commit_time(c);
		git_oid_tostr(h->c[h->nc].id, sizeof(h->c[h->nc].id), &id);
		buf_reset(&prefix);
		buf_puts(&prefix, PAGES_DIR);
		if (diff_trees(h, h->nc, nt, ot, &prefix) < 0) {
			archive_corrupt(ar, d, &id);
			goto out;
		}
		h->nc++;
		git_tree_free(nt);
		git_tree_free(ot);
		git_commit_free(p);
		git_commit_free(c);
		nt = ot = NULL;
		p = c = NULL;
	}
	if (pending(h, tip) < 0) {
		archive_git_err(ar, d, "cannot read the last build");
		goto out;
	}
	sort_array(h->ev, h->nev, sizeof(*h->ev), cmp_event);
	*out = h;
	h = NULL;
	rc = 0;
out:
	git_tree_free(nt);
	git_tree_free(ot);
	git_commit_free(p);
	git_commit_free(c);
	git_commit_free(tip);
	git_revwalk_free(w);
	buf_dispose(&prefix);
	archive_history_free(h);
	return rc;
}

static void
free_events(struct archive_history *h)
{
	size_t i;

	for (i = 0; i < h->nev; i++)
		free(h->ev[i].permalink);
	free(h->ev);
}

void
archive_history_free(struct archive_history *h)
{
	if (h == NULL)
		return;
	free_events(h);
	free(h->c);
	free(h);
}

/* {==== revisions and changes ===== */

/* The events of permalink: [*first, *first + return value). */
static size_t
events_of(const struct archive_history *h, const char *permalink,
    size_t *first)
{
	size_t lo = 0, hi = h->nev, mid, n;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(h->ev[mid].permalink, permalink) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (n = 0; lo + n < h->nev &&
	    strcmp(h->ev[lo + n].permalink, permalink) == 0; n++)
		;
	*first = lo;
	return n;
}

/* What keeps a version's text alive: its blob, or the page made anew. */
struct held {
	git_blob	*blob;
	char		*made;
};

static void
held_free(struct held *k)
{
	git_blob_free(k->blob);
	free(k->made);
	k->blob = NULL;
	k->made = NULL;
}

/* A version's text, alive until held_free(k). */
static int
ev_text(struct archive_history *h, struct diag *d, const struct hev *e,
    struct held *k, const char **text, size_t *len)
{
	git_blob **blob = &k->blob;

	k->blob = NULL;
	k->made = NULL;
	if (e->pend != NULL && e->pend->text == NULL) {
		k->made = h->make(h->make_arg, (size_t)(e->pend - h->pages),
		    len);
		*text = k->made;
		return 0;
	}
	if (e->pend != NULL) {
		*text = e->pend->text;
		*len = e->pend->len;
		return 0;
	}
	if (git_blob_lookup(blob, h->ar->repo, &e->blob) < 0)
		return archive_corrupt(h->ar, d, &e->blob);
	*text = git_blob_rawcontent(*blob);
	*len = (size_t)git_blob_rawsize(*blob);
	return 0;
}

static void
push_rev(struct archive_rev **v, size_t *n, const struct hcommit *c,
    const char *text, size_t len)
{
	struct archive_rev *r;

	*v = xgrow(*v, *n, sizeof(**v));
	r = &(*v)[(*n)++];
	r->time = c->time;
	memcpy(r->id, c->id, sizeof(r->id));
	r->text = NULL;
	r->len = len;
	if (text != NULL) {
		r->text = xmalloc(len + 1);
		memcpy(r->text, text, len);
		r->text[len] = '\0';
	}
}

int
archive_history_revisions(struct archive_rev **out, size_t *n,
    struct archive_history *h, struct diag *d, size_t i)
{
	struct archive_rev *v = NULL;
	const struct hev *e;
	struct held b;
	const char *text;
	size_t first, j, k, nv = 0, live = 0, len;

	*out = NULL;
	*n = 0;
	k = events_of(h, h->pages[i].permalink, &first);
	/* A removal ends an article's life at its permalink: the versions
	 * before it are another article's (or a withdrawn text), never
	 * revisions of the page that came back there. */
	for (j = 0; j < k && !h->ev[first + j].removed; j++)
		;
	k = j;
	for (e = h->ev + first; e < h->ev + first + k; e++)
		live += !e->removed;
	/* Oldest first: the events are newest first. */
	while (k-- > 0) {
		e = &h->ev[first + k];
		if (e->removed)
			continue;
		/* The only version: nothing to compare it with. */
		if (live == 1) {
			push_rev(&v, &nv, &h->c[e->commit], NULL, 0);
			continue;
		}
		if (ev_text(h, d, e, &b, &text, &len) < 0) {
			archive_revs_free(v, nv);
			return -1;
		}
		if (nv == 0 || archive_text_differs(v[nv - 1].text,
		    v[nv - 1].len, text, len))
			push_rev(&v, &nv, &h->c[e->commit], text, len);
		held_free(&b);
	}
	*out = v;
	*n = nv;
	return 0;
}

/* text may be NULL: a title beyond those that lists show, not read. */
static void
push_title(struct strv *links, struct strv *titles, const char *permalink,
    const char *text, size_t len)
{
	char *t = text != NULL ? archive_page_title(text, len) : NULL;

	strv_push(links, permalink);
	strv_push(titles, t != NULL ? t : "");
	free(t);
}

/*
 * What the version at e did, given the article's version before it
 * (prev, or NULL), into ch. Texts are read only to compare two versions
 * and for the first ARCHIVE_TITLES titles of a list: a first build adds
 * every article, and its lists name a hundred of them.
 */
static int
classify(struct archive_history *h, struct diag *d, struct archive_change *ch,
    const struct hev *e, const struct hev *prev)
{
	struct held a = { NULL, NULL }, b = { NULL, NULL };
	const char *ta = NULL, *tb = NULL;
	size_t la = 0, lb = 0;
	int live = prev != NULL && !prev->removed, rc = -1;

	if (e->removed) {
		if (live && ch->removed_titles.n < ARCHIVE_TITLES &&
		    ev_text(h, d, prev, &a, &ta, &la) < 0)
			goto out;
		if (live)
			push_title(&ch->removed, &ch->removed_titles,
			    e->permalink, ta, la);
	} else if (!live) {
		if (ch->added_titles.n < ARCHIVE_TITLES &&
		    ev_text(h, d, e, &b, &tb, &lb) < 0)
			goto out;
		push_title(&ch->added, &ch->added_titles, e->permalink, tb, lb);
	} else {
		if (ev_text(h, d, prev, &a, &ta, &la) < 0 ||
		    ev_text(h, d, e, &b, &tb, &lb) < 0)
			goto out;
		if (archive_text_differs(ta, la, tb, lb))
			push_title(&ch->changed, &ch->changed_titles,
			    e->permalink, ch->changed_titles.n <
			    ARCHIVE_TITLES ? tb : NULL, lb);
	}
	rc = 0;
out:
	held_free(&a);
	held_free(&b);
	return rc;
}

/* Whether tree (may be NULL) has an articles.json. */
static int
has_list(git_tree *t)
{
	return t != NULL && git_tree_entry_byname(t, "articles.json") != NULL;
}

/*
 * The articles added, changed and removed from tree old to new, from the
 * pages that differ (archive_impl.h); the subtrees both trees share are
 * never read, so that a commit's message costs what the change does.
 */
int
archive_diff(struct archive_change *c, struct archive *ar, git_tree *old,
    git_tree *new)
{
	struct archive_history h;
	struct buf prefix = BUF_INIT;
	git_tree *nt = NULL, *ot = NULL;
	git_tree_entry *te = NULL;
	struct hev prev, *e;
	struct diag d;
	int rc = -1;

	if (!has_list(old) && !has_list(new))
		return -1;
	diag_init(&d, NULL);
	memset(&h, 0, sizeof(h));
	h.ar = ar;
	buf_puts(&prefix, PAGES_DIR);
	if (pages_subtree(&nt, ar, new) < 0 ||
	    pages_subtree(&ot, ar, old) < 0 ||
	    diff_trees(&h, 0, nt, ot, &prefix) < 0)
		goto out;
	sort_array(h.ev, h.nev, sizeof(*h.ev), cmp_event);
	for (e = h.ev; e < h.ev + h.nev; e++) {
		memset(&prev, 0, sizeof(prev));
		prev.permalink = e->permalink;
		prev.commit = 1;
		buf_reset(&prefix);
		buf_printf(&prefix, "%s%s", e->permalink + strlen(PAGES_DIR),
		    PAGE_NAME);
		if (ot != NULL &&
		    git_tree_entry_bypath(&te, ot, prefix.data) == 0)
			git_oid_cpy(&prev.blob, git_tree_entry_id(te));
		if (classify(&h, &d, c, e, te != NULL ? &prev : NULL) < 0)
			goto out;
		git_tree_entry_free(te);
		te = NULL;
	}
	rc = 0;
out:
	git_tree_entry_free(te);
	git_tree_free(nt);
	git_tree_free(ot);
	buf_dispose(&prefix);
	h.c = NULL;
	free_events(&h);
	return rc;
}

static int
cmp_by_commit(const void *a, const void *b)
{
	const struct hev *x = *(const struct hev *const *)a;
	const struct hev *y = *(const struct hev *const *)b;

	if (x->commit != y->commit)
		return x->commit < y->commit ? -1 : 1;
	return strcmp(x->permalink, y->permalink);
}

int
archive_history_changes(struct archive_change **out, size_t *n,
    struct archive_history *h, struct diag *d, size_t max)
{
	struct archive_change *v = NULL, ch;
	const struct hev **idx = xcalloc(h->nev + 1, sizeof(*idx)), *e, *prev;
	size_t i = 0, j, nv = 0;
	int rc = -1;

	for (j = 0; j < h->nev; j++)
		idx[j] = &h->ev[j];
	sort_array(idx, h->nev, sizeof(*idx), cmp_by_commit);
	memset(&ch, 0, sizeof(ch));
	while (i < h->nev && nv < max) {
		memset(&ch, 0, sizeof(ch));
		ch.time = h->c[idx[i]->commit].time;
		memcpy(ch.id, h->c[idx[i]->commit].id, sizeof(ch.id));
		for (j = i; j < h->nev && idx[j]->commit == idx[i]->commit;
		    j++) {
			e = idx[j];
			prev = e + 1 < h->ev + h->nev &&
			    strcmp(e[1].permalink, e->permalink) == 0 ?
			    e + 1 : NULL;
			if (classify(h, d, &ch, e, prev) < 0)
				goto out;
		}
		i = j;
		if (ch.added.n + ch.changed.n + ch.removed.n == 0) {
			archive_change_dispose(&ch);
			continue;
		}
		v = xgrow(v, nv, sizeof(*v));
		v[nv++] = ch;
		memset(&ch, 0, sizeof(ch));
	}
	*out = v;
	*n = nv;
	v = NULL;
	rc = 0;
out:
	archive_change_dispose(&ch);
	archive_changes_free(v, nv);
	free(idx);
	return rc;
}

char *
archive_page_title(const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	const char *raw;
	char *r = NULL;
	size_t tlen;
	int done = 0;

	if ((raw = archive_md_title(text, len, &tlen)) == NULL)
		return NULL;
	/* The front matter is written one key a line (no folding), so the
	 * title line's value is one YAML scalar. */
	if (!yaml_parser_initialize(&p))
		return NULL;
	yaml_parser_set_input_string(&p, (const unsigned char *)raw, tlen);
	while (!done && yaml_parser_parse(&p, &ev)) {
		if (ev.type == YAML_SCALAR_EVENT) {
			r = xmalloc(ev.data.scalar.length + 1);
			memcpy(r, ev.data.scalar.value, ev.data.scalar.length);
			r[ev.data.scalar.length] = '\0';
			done = 1;
		} else if (ev.type != YAML_STREAM_START_EVENT &&
		    ev.type != YAML_DOCUMENT_START_EVENT)
			done = 1;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return r;
}
