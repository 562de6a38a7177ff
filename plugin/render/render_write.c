/*
 * render_write.c: pages from templates into files under the output
 * directory, the sitemap's entries, and the assets.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render/render_int.h"
#include "render/tmpl.h"
#include "core/builtin.h"
#include "core/progress.h"
#include "core/xalloc.h"

/* {==== Writing ==== */

/* Makes the directories of path (relative to r->dir), refusing to go
 * through anything that is not a real directory. */
static int
make_dirs(struct render *r, const char *full, size_t from)
{
	struct pos pos = { full, 0 };
	struct stat st;
	const char *slash = strrchr(full, '/');
	char *p, *s;
	int rc = 0;

	/* Pages come directory by directory: the one made last is known. */
	if (slash == NULL || (size_t)(slash - full) < from)
		return 0;
	if (r->lastdir != NULL &&
	    strlen(r->lastdir) == (size_t)(slash - full) &&
	    strncmp(r->lastdir, full, (size_t)(slash - full)) == 0)
		return 0;
	if (json_object_getn(r->dirs, full, (size_t)(slash - full)) != NULL)
		goto known;
	p = xstrdup(full);
	for (s = p + from; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (json_object_get(r->dirs, p) != NULL) {
			*s = '/';
			continue;
		}
		if (mkdir(p, 0755) == 0) {
			if (r->umask_bites)	/* 0755 whatever the umask */
				(void)chmod(p, 0755);
		} else if (errno != EEXIST || lstat(p, &st) < 0 ||
		    !S_ISDIR(st.st_mode)) {
			pos.file = p;
			diag_err(r->d, &pos, "cannot make directory: %s",
			    errno == EEXIST ? "not a directory" :
			    strerror(errno));
			rc = -1;
			break;
		}
		json_object_set_new(r->dirs, p, json_true());
		*s = '/';
	}
	free(p);
	if (rc < 0)
		return rc;
known:
	free(r->lastdir);
	r->lastdir = xmalloc((size_t)(slash - full) + 1);
	memcpy(r->lastdir, full, (size_t)(slash - full));
	r->lastdir[slash - full] = '\0';
	return 0;
}

/* render_write() of a page with its key (NULL: none). */
static int
write_keyed(struct render *r, const char *path, const char *data,
    size_t len, const XXH128_hash_t *key)
{
	struct buf full = BUF_INIT;
	struct pos pos = { NULL, 0 };
	ssize_t k;
	int fd = -1, rc = -1;

	if (r->o->write != NULL)
		return r->o->write(r->o->write_arg, path, data, len, key);
	buf_puts(&full, r->dir);
	buf_putc(&full, '/');
	buf_puts(&full, path);
	pos.file = full.data;
	if (make_dirs(r, full.data, strlen(r->dir) + 1) < 0)
		goto out;
	fd = open(full.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0) {
		diag_err(r->d, &pos, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (r->umask_bites)		/* the same tree whatever the umask */
		(void)fchmod(fd, 0644);
	while (len > 0) {
		if ((k = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			diag_err(r->d, &pos, "write: %s", strerror(errno));
			goto out;
		}
		data += k;
		len -= (size_t)k;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) < 0 && rc == 0) {
		diag_err(r->d, &pos, "close: %s", strerror(errno));
		rc = -1;
	}
	buf_dispose(&full);
	return rc;
}

int
render_write(struct render *r, const char *path, const char *data,
    size_t len)
{
	return write_keyed(r, path, data, len, NULL);
}

int
render_write_key(struct render *r, const char *path, const char *data,
    size_t len, const XXH128_hash_t *key)
{
	return write_keyed(r, path, data, len, r->keyed ? key : NULL);
}

char *
render_abs(const struct render *r, const char *href)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(href);

	if (len >= 10 && strcmp(href + len - 10, "index.html") == 0)
		len -= 10;
	buf_puts(&b, r->base);
	buf_put(&b, href, len);
	return buf_detach(&b);
}

void
render_sitemap_add(struct render *r, const char *href)
{
	strv_push(&r->sitemap, href);
}

/* The keys every page has, {root, site, nav, updated}: one object per
 * depth of page, shared by all pages of that depth. */
json_t *
render_common(struct render *r, const char *path)
{
	char *root = render_root(path);
	json_t *c;

	if ((c = json_object_get(r->commons, root)) == NULL) {
		c = json_object();
		json_object_set_new(c, "root", json_string(root));
		json_object_set(c, "site", r->site);
		json_object_set(c, "nav", r->nav);
		json_object_set_new(c, "updated", json_string(r->updated));
		json_object_set_new(r->commons, root, c);
	}
	free(root);
	return c;
}

int
render_page(struct render *r, const char *tname, const char *path,
    json_t *ctx)
{
	return render_page_on(r, tname, path, NULL, ctx);
}

int
render_page_on(struct render *r, const char *tname, const char *path,
    json_t *below, json_t *ctx)
{
	return render_page_made(r, tname, path, below, ctx, NULL, NULL);
}

/* A page made or kept: counted, and listed in the sitemap when it is
 * there (ok). */
static void
page_done(struct render *r, const char *path, int ok)
{
	progress_add(r->d->progress, 1);
	if (ok && strlen(path) >= 5 &&
	    strcmp(path + strlen(path) - 5, ".html") == 0 &&
	    strncmp(path, "search/", 7) != 0)
		render_sitemap_add(r, path);
}

int
render_page_kept(struct render *r, const char *path,
    const XXH128_hash_t *key)
{
	if (!r->o->keep(r->o->write_arg, path, key))
		return 0;
	if (r->o->kept != NULL)
		(*r->o->kept)++;
	page_done(r, path, 1);
	return 1;
}

/* Renders and writes the page, with its key when keyed. */
static int
make_page(struct render *r, const char *tname, const char *path,
    json_t *const *stack, json_t *ctx,
    void (*fill)(struct render *, json_t *, const char *, void *),
    void *arg, const XXH128_hash_t *key)
{
	struct buf *out = &r->page;	/* reused: pages are similar in size */
	const struct tmpl *t;
	struct pos pos = { r->o->templates, 0 };
	unsigned said;
	int failed = 0, rc;

	buf_reset(out);
	if (fill != NULL)
		fill(r, ctx, path, arg);
	t = tmpl_partials_get(r->tp, r->d, tname, &failed);
	if (t == NULL) {
		if (!failed)
			diag_err(r->d, &pos, "no template %s", tname);
		return -1;
	}
	said = r->d->errors + r->d->warnings;
	if (tmpl_render_stack(out, r->d, t, stack, 3, r->tp) < 0)
		return -1;
	/* A page that drew a warning is rendered again each build, so
	 * that each build says it, as one that renders everything does. */
	if (r->d->errors + r->d->warnings != said)
		key = NULL;
	rc = write_keyed(r, path, out->data, out->len, key);
	if (r->o->rendered != NULL)
		(*r->o->rendered)++;
	page_done(r, path, rc == 0);
	return rc;
}

int
render_page_made(struct render *r, const char *tname, const char *path,
    json_t *below, json_t *ctx,
    void (*fill)(struct render *, json_t *, const char *, void *),
    void *arg)
{
	XXH128_hash_t key;
	json_t *stack[3];
	int keyed, rc;

	stack[0] = render_common(r, path);
	stack[1] = below;
	stack[2] = ctx;
	keyed = render_page_key(&key, r, tname, path, stack, 3) == 0;
	if (keyed && render_page_kept(r, path, &key))
		rc = 0;
	else
		rc = make_page(r, tname, path, stack, ctx, fill, arg,
		    keyed ? &key : NULL);
	json_decref(ctx);
	return rc;
}

int
render_page_src(struct render *r, const char *tname, const char *path,
    json_t *below, json_t *ctx,
    void (*fill)(struct render *, json_t *, const char *, void *),
    void *arg, const XXH128_hash_t *key)
{
	json_t *stack[3];
	int rc;

	stack[0] = render_common(r, path);
	stack[1] = below;
	stack[2] = ctx;
	rc = make_page(r, tname, path, stack, ctx, fill, arg,
	    r->keyed ? key : NULL);
	json_decref(ctx);
	return rc;
}

/* Writes the built-in assets that TEMPLATES/assets/ has no file for. */
static int
builtin_assets(struct render *r)
{
	const struct builtin_file *f;
	struct buf path = BUF_INIT;
	struct stat st;
	const char *name;
	int rc = 0;

	for (f = builtin_files; f->name != NULL && rc == 0; f++) {
		if (strncmp(f->name, "templates/assets/", 17) != 0)
			continue;
		name = f->name + 17;
		buf_reset(&path);
		buf_printf(&path, "%s/assets/%s", r->o->templates, name);
		if (lstat(path.data, &st) == 0)
			continue;
		buf_reset(&path);
		buf_printf(&path, "assets/%s", name);
		rc = render_write(r, path.data, (const char *)f->data, f->len);
	}
	buf_dispose(&path);
	return rc;
}

/* Copies the regular files of TEMPLATES/assets/ to assets/, and the
 * built-in ones it lacks. */
int
render_copy_assets(struct render *r)
{
	struct buf path = BUF_INIT, data = BUF_INIT, dst = BUF_INIT;
	struct dirent *e;
	struct stat st;
	DIR *dp;
	int fd, rc = 0;

	if (builtin_assets(r) < 0)
		return -1;
	buf_printf(&path, "%s/assets", r->o->templates);
	if ((dp = opendir(path.data)) == NULL) {
		buf_dispose(&path);
		return 0;
	}
	while (rc == 0 && (e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/assets/%s", r->o->templates, e->d_name);
		if (lstat(path.data, &st) < 0)
			continue;
		/* A link, FIFO or device is not copied (it could point out
		 * of the site or block the build), but said. */
		if (!S_ISREG(st.st_mode)) {
			if (!S_ISDIR(st.st_mode))
				diag_warn(r->d, &(struct pos){ path.data, 0 },
				    "not a regular file, skipped");
			continue;
		}
		fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
		if (fd < 0)
			continue;
		buf_reset(&data);
		/* A read that fails must not publish part of the file. */
		if (buf_read_fd(&data, fd, SIZE_MAX) < 0) {
			diag_err(r->d, &(struct pos){ path.data, 0 },
			    "cannot read: %s", strerror(errno));
			close(fd);
			rc = -1;
			break;
		}
		close(fd);
		buf_reset(&dst);
		buf_printf(&dst, "assets/%s", e->d_name);
		rc = render_write(r, dst.data, data.data, data.len);
	}
	closedir(dp);
	buf_dispose(&path);
	buf_dispose(&data);
	buf_dispose(&dst);
	return rc;
}

/* ====} */
