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
	char	*permalink;
	char	*title;
	char	*path;
};

/* The articles of a tree's articles.json. */
struct list {
	struct item	*v;
	size_t		 n, cap;
};

static const char *
field(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static size_t
skip_space(const char *s, size_t len, size_t i)
{
	while (i < len && strchr(" \t\r\n", s[i]) != NULL && s[i] != '\0')
		i++;
	return i;
}

/*
 * Adds the articles of the JSON array text to l, one element parsed at a
 * time: the list of 100,000 articles is hundreds of megabytes as a tree
 * of jansson values, and only three strings of each are wanted. -1 when
 * text is not an array.
 */
static int
list_parse(struct list *l, const char *text, size_t len)
{
	json_error_t err;
	json_t *o;
	size_t i = skip_space(text, len, 0);

	if (i >= len || text[i] != '[')
		return -1;
	i = skip_space(text, len, i + 1);
	if (i < len && text[i] == ']')
		return 0;
	for (;;) {
		o = json_loadb(text + i, len - i, JSON_DISABLE_EOF_CHECK, &err);
		if (o == NULL)
			return -1;
		i += (size_t)err.position;
		if (json_is_object(o) && *field(o, "permalink") != '\0') {
			ARRAY_GROW(l->v, l->n, l->cap);
			l->v[l->n].permalink = xstrdup(field(o, "permalink"));
			l->v[l->n].title = xstrdup(field(o, "title"));
			l->v[l->n].path = xstrdup(field(o, "path"));
			l->n++;
		}
		json_decref(o);
		i = skip_space(text, len, i);
		if (i < len && text[i] == ']')
			return 0;
		if (i >= len || text[i] != ',')
			return -1;
		i = skip_space(text, len, i + 1);
	}
}

/* Loads tree's articles.json; returns -1 when it has none to read. */
static int
list_load(struct list *l, struct archive *ar, git_tree *tree)
{
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	int rc = -1;

	memset(l, 0, sizeof(*l));
	if (tree != NULL &&
	    git_tree_entry_bypath(&te, tree, "articles.json") == 0 &&
	    git_blob_lookup(&blob, ar->repo, git_tree_entry_id(te)) == 0)
		rc = list_parse(l, git_blob_rawcontent(blob),
		    (size_t)git_blob_rawsize(blob));
	if (rc < 0) {
		while (l->n > 0) {
			l->n--;
			free(l->v[l->n].permalink);
			free(l->v[l->n].title);
			free(l->v[l->n].path);
		}
		free(l->v);
		l->v = NULL;
	}
	git_tree_entry_free(te);
	git_blob_free(blob);
	return rc;
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
			(*out)[i].path = l.v[i].path;
			(*out)[i].permalink = l.v[i].permalink;
			(*out)[i].title = l.v[i].title;
		}
		*n = l.n;
		sort_array(*out, *n, sizeof(**out), cmp_path);
	}
	free(l.v);
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
