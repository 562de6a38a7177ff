/*
 * conf_paths.c: the paths of site.conf checked against one another
 * (conf_check_paths() in conf.h).
 *
 * Comparing the strings that site.conf gives is not enough: "./content"
 * and "content", "lua/../public" and "public", a symlink and its target
 * all name one directory, and the output directory is replaced as a
 * whole by every build. So each path is resolved as the kernel will see
 * it (realpath, after symlinks) and the resolved paths are compared part
 * by part: a directory that the output would replace must be one that
 * holds nothing but an earlier site.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "core/xalloc.h"

/* One resolved path, what it is called in messages, and its line. */
struct named {
	char		*path;		/* absolute, resolved; owned */
	const char	*key;
	const char	*given;		/* as site.conf spells it */
	unsigned	 line;
};

/* Appends the part p to the resolved path b: "." is nothing, ".." the
 * parent (never above "/"), a name one more part. */
static void
append_part(struct buf *b, const char *p)
{
	char *slash;

	if (*p == '\0' || strcmp(p, ".") == 0)
		return;
	if (strcmp(p, "..") == 0) {
		slash = strrchr(b->data, '/');
		b->len = slash == b->data ? 1 : (size_t)(slash - b->data);
		b->data[b->len] = '\0';
		return;
	}
	if (b->len > 1)
		buf_putc(b, '/');
	buf_puts(b, p);
}

/*
 * Resolves path (relative to root unless absolute) into an absolute
 * path without symlinks, "." or "..": realpath() of the path, or, when
 * it does not exist yet, of its nearest existing parent with the parts
 * that do not exist appended (they cannot be symlinks). Caller frees.
 * NULL when no parent can be resolved (errno says why).
 */
static char *
resolve(const char *root, const char *path)
{
	struct strv tail = STRV_INIT;
	struct buf b = BUF_INIT;
	char *cur, *r, *slash;
	size_t i;

	if (path[0] == '/')
		cur = xstrdup(path);
	else {
		buf_printf(&b, "%s/%s", root, path);
		cur = buf_detach(&b);
	}
	while ((r = realpath(cur, NULL)) == NULL) {
		if ((errno != ENOENT && errno != ENOTDIR) ||
		    (slash = strrchr(cur, '/')) == NULL || cur[1] == '\0')
			goto out;
		strv_push(&tail, slash + 1);
		if (slash == cur)
			slash++;	/* "/x" -> "/" */
		*slash = '\0';
	}
	buf_puts(&b, r);
	free(r);
	for (i = tail.n; i > 0; i--)
		append_part(&b, tail.v[i - 1]);
	r = buf_detach(&b);
out:
	free(cur);
	strv_dispose(&tail);
	buf_dispose(&b);
	return r;
}

/* The output resolved without following its last part: a symlink there
 * is replaced by the build, never followed. */
static char *
resolve_output(const char *root, const char *path)
{
	struct buf full = BUF_INIT, dir = BUF_INIT;
	const char *slash;
	char *r;

	if (path[0] == '/')
		buf_puts(&full, path);
	else
		buf_printf(&full, "%s/%s", root, path);
	slash = strrchr(full.data, '/');
	buf_put(&dir, full.data, (size_t)(slash - full.data));
	if ((r = resolve(root, dir.len > 0 ? dir.data : "/")) != NULL) {
		buf_reset(&dir);
		buf_puts(&dir, r);
		free(r);
		append_part(&dir, slash + 1);
		r = buf_detach(&dir);
	}
	buf_dispose(&dir);
	buf_dispose(&full);
	return r;
}

/* Whether the resolved path a is b or lies below it. */
static int
within(const char *a, const char *b)
{
	size_t n = strlen(b);

	if (n == 1 && b[0] == '/')
		return 1;
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/');
}

/* Whether the resolved path p has a part named ".git". */
static int
in_git_dir(const char *p)
{
	const char *q = strstr(p, "/.git");

	for (; q != NULL; q = strstr(q + 1, "/.git"))
		if (q[5] == '\0' || q[5] == '/')
			return 1;
	return 0;
}

/* Whether dir/name exists (without following a last symlink). */
static int
has(const char *dir, const char *name)
{
	struct buf b = BUF_INIT;
	struct stat st;
	int rc;

	buf_printf(&b, "%s/%s", dir, name);
	rc = lstat(b.data, &st) == 0;
	buf_dispose(&b);
	return rc;
}

/* Reports n refused (why, other); at n's line, or at line when n keeps
 * its default and the other path is the one site.conf set. */
static void
refuse_at(struct diag *d, const struct conf *c, const struct named *n,
    unsigned line, const char *why, const char *other)
{
	struct pos pos = { c->file != NULL ? c->file : "site.conf",
	    n->line != 0 ? n->line : line };

	if (other != NULL)
		diag_err(d, &pos, "%s: \"%s\" %s %s", n->key, n->given, why,
		    other);
	else
		diag_err(d, &pos, "%s: \"%s\" %s", n->key, n->given, why);
}

static void
refuse(struct diag *d, const struct conf *c, const struct named *n,
    const char *why, const char *other)
{
	refuse_at(d, c, n, 0, why, other);
}

/* Refuses x against every path of v that it is, holds or lies in; x may
 * lie in the site itself (content = "." makes it the content). */
static int
apart(struct diag *d, const struct conf *c, const struct named *x,
    const struct named *v, size_t n, const char *site)
{
	struct buf what = BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		if (v[i].path == NULL || v[i].path == x->path)
			continue;
		buf_reset(&what);
		buf_printf(&what, "the %s \"%s\"", v[i].key, v[i].given);
		if (strcmp(x->path, v[i].path) == 0)
			refuse_at(d, c, x, v[i].line, "is", what.data);
		else if (within(v[i].path, x->path))
			refuse_at(d, c, x, v[i].line, "holds", what.data);
		else if (within(x->path, v[i].path) &&
		    strcmp(v[i].path, site) != 0)
			refuse_at(d, c, x, v[i].line, "lies inside",
			    what.data);
		else
			continue;
		rc = -1;
	}
	buf_dispose(&what);
	return rc;
}

/* The output: strictly inside the site, apart from everything else,
 * and no git repository. */
static int
check_output(struct diag *d, const struct conf *c, const char *site,
    const struct named *o, const struct named *v, size_t n)
{
	int rc = apart(d, c, o, v, n, site);

	if (!within(o->path, site) || strcmp(o->path, site) == 0) {
		refuse(d, c, o, "must be a directory inside the site, not",
		    o->path);
		rc = -1;
	} else if (in_git_dir(o->path) || has(o->path, ".git") ||
	    (has(o->path, "HEAD") && has(o->path, "objects"))) {
		refuse(d, c, o, "is, holds or lies inside a git repository",
		    NULL);
		rc = -1;
	}
	return rc;
}

/* The archive: apart from everything else, not the site or above it,
 * and a repository of its own (not a .git, not a work tree). */
static int
check_repo(struct diag *d, const struct conf *c, const char *site,
    const struct named *a, const struct named *v, size_t n)
{
	int rc = apart(d, c, a, v, n, site);

	if (within(site, a->path)) {
		refuse(d, c, a, "holds the site itself", NULL);
		rc = -1;
	} else if (in_git_dir(a->path)) {
		refuse(d, c, a, "lies in the .git of a work tree; the archive "
		    "needs a bare repository of its own", NULL);
		rc = -1;
	} else if (has(a->path, ".git")) {
		refuse(d, c, a, "is the work tree of a git repository", NULL);
		rc = -1;
	}
	return rc;
}

int
conf_check_paths(struct diag *d, const struct conf *c, const char *root)
{
	struct named *v = xcalloc(c->rules.n + 6, sizeof(*v));
	struct pos pos = { c->file != NULL ? c->file : "site.conf", 0 };
	char *site = resolve(root, ".");
	size_t i, n = 0, out, repo;
	int rc = -1;

	if (site == NULL) {
		diag_err(d, &pos, "cannot resolve the site directory: %s",
		    strerror(errno));
		goto out;
	}
	v[n++] = (struct named){ NULL, "site.conf", pos.file, 0 };
	v[n++] = (struct named){ NULL, "content", c->content,
	    c->lines.content };
	v[n++] = (struct named){ NULL, "templates", c->templates,
	    c->lines.templates };
	out = n;
	v[n++] = (struct named){ NULL, "output", c->output, c->lines.output };
	repo = n;
	v[n++] = (struct named){ NULL, "archive.repo", c->archive_repo,
	    c->lines.repo };
	for (i = 0; i < c->rules.n; i++)
		v[n++] = (struct named){ NULL, "rule file", c->rules.v[i],
		    c->lines.rules };
	for (i = 0; i < n; i++)
		if ((v[i].path = i == out ? resolve_output(root, c->output) :
		    resolve(root, v[i].given)) == NULL) {
			pos.line = v[i].line;
			diag_err(d, &pos, "%s: cannot resolve \"%s\": %s",
			    v[i].key, v[i].given, strerror(errno));
			goto out;
		}
	rc = check_output(d, c, site, &v[out], v, n);
	if (check_repo(d, c, site, &v[repo], v, n) < 0)
		rc = -1;
out:
	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
	free(site);
	return rc;
}
