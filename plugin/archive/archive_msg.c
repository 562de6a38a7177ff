/*
 * archive_msg.c: what the archive knows about articles: the commit
 * message naming the articles a build added, changed and removed
 * (archive_diff(), in archive_scan.c) and the permalinks of the last
 * commit (archive.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "archive/archive_impl.h"
#include "core/xalloc.h"

/* Titles listed per kind in a commit message; the rest are counted. */
#define MSG_TITLES	ARCHIVE_TITLES

struct item {
	const char	*permalink;
	const char	*title;
	const char	*path;
};

/* The articles of a tree's articles.json, sorted by permalink. */
struct list {
	json_t		*root;
	struct item	*v;
	size_t		 n;
};

static int
cmp_permalink(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->permalink,
	    ((const struct item *)b)->permalink);
}

static const char *
field(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* Loads tree's articles.json; returns -1 when it has none to read. */
static int
list_load(struct list *l, struct archive *ar, git_tree *tree)
{
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	json_t *o;
	size_t i;
	int rc = -1;

	memset(l, 0, sizeof(*l));
	if (tree == NULL ||
	    git_tree_entry_bypath(&te, tree, "articles.json") < 0 ||
	    git_blob_lookup(&blob, ar->repo, git_tree_entry_id(te)) < 0)
		goto out;
	l->root = json_loadb(git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob), 0, NULL);
	if (!json_is_array(l->root))
		goto out;
	l->v = xcalloc(json_array_size(l->root) + 1, sizeof(*l->v));
	json_array_foreach(l->root, i, o) {
		if (*field(o, "permalink") == '\0')
			continue;
		l->v[l->n].permalink = field(o, "permalink");
		l->v[l->n].title = field(o, "title");
		l->v[l->n].path = field(o, "path");
		l->n++;
	}
	sort_array(l->v, l->n, sizeof(*l->v), cmp_permalink);
	rc = 0;
out:
	git_tree_entry_free(te);
	git_blob_free(blob);
	return rc;
}

static void
list_dispose(struct list *l)
{
	json_decref(l->root);
	free(l->v);
}

static void
put_titles(struct buf *m, const char *head, const struct strv *titles)
{
	size_t i;

	if (titles->n == 0)
		return;
	buf_printf(m, "\n%s:\n", head);
	for (i = 0; i < titles->n && i < MSG_TITLES; i++)
		buf_printf(m, "- %s\n", *titles->v[i] ? titles->v[i] :
		    "(untitled)");
	if (titles->n > MSG_TITLES)
		buf_printf(m, "- and %zu more\n", titles->n - MSG_TITLES);
}

char *
archive_message(struct archive *ar, git_tree *old, git_tree *new,
    size_t files)
{
	struct archive_change c;
	struct buf m = BUF_INIT;

	memset(&c, 0, sizeof(c));
	if (archive_diff(&c, ar, old, new) < 0)
		buf_printf(&m, "Build: %zu file%s changed\n", files,
		    files == 1 ? "" : "s");
	else {
		buf_printf(&m, "Build: %zu article%s added, %zu changed, "
		    "%zu removed\n", c.added.n, c.added.n == 1 ? "" : "s",
		    c.changed.n, c.removed.n);
		put_titles(&m, "Added", &c.added_titles);
		put_titles(&m, "Changed", &c.changed_titles);
		put_titles(&m, "Removed", &c.removed_titles);
		buf_printf(&m, "\n%zu file%s changed.\n", files,
		    files == 1 ? "" : "s");
	}
	archive_change_dispose(&c);
	return buf_detach(&m);
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct archive_page *)a)->path,
	    ((const struct archive_page *)b)->path);
}

int
archive_pages(struct archive_page **out, size_t *n, struct archive *ar,
    struct diag *d)
{
	git_commit *tip = NULL;
	git_tree *tree = NULL;
	struct list l;
	size_t i;

	*out = NULL;
	*n = 0;
	if (archive_tip(&tip, ar, d) < 0)
		return -1;
	if (tip == NULL)
		return 0;
	if (git_commit_tree(&tree, tip) < 0) {
		archive_corrupt(ar, d, git_commit_tree_id(tip));
		git_commit_free(tip);
		return -1;
	}
	if (list_load(&l, ar, tree) == 0) {
		*out = xcalloc(l.n + 1, sizeof(**out));
		for (i = 0; i < l.n; i++) {
			(*out)[i].path = xstrdup(l.v[i].path);
			(*out)[i].permalink = xstrdup(l.v[i].permalink);
			(*out)[i].title = xstrdup(l.v[i].title);
		}
		*n = l.n;
		sort_array(*out, *n, sizeof(**out), cmp_path);
		list_dispose(&l);
	}
	git_tree_free(tree);
	git_commit_free(tip);
	return 0;
}

void
archive_pages_free(struct archive_page *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].permalink);
		free(v[i].title);
	}
	free(v);
}

const struct archive_page *
archive_pages_find(const struct archive_page *v, size_t n, const char *path)
{
	struct archive_page key;

	memset(&key, 0, sizeof(key));
	key.path = (char *)(uintptr_t)path;
	return bsearch(&key, v, n, sizeof(*v), cmp_path);
}
