/*
 * outdir.c: the output directory, replaced atomically (outdir.h).
 *
 * _GNU_SOURCE is for renameat2(RENAME_EXCHANGE), which swaps the old and
 * the new tree in one step; where the file system refuses it, two renames
 * leave only a moment without an output directory.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "render/outdir.h"
#include "core/xalloc.h"

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

int
outdir_remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, rm_entry, 32, FTW_DEPTH | FTW_PHYS);
}

/* {==== Comparing trees */

static int
no_dots(const struct dirent *e)
{
	return strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
}

static int
by_name(const struct dirent **x, const struct dirent **y)
{
	return strcmp((*x)->d_name, (*y)->d_name);
}

static int
same_file(const char *a, const char *b)
{
	char x[16384], y[16384];
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	size_t na, nb;
	int same = fa != NULL && fb != NULL;

	while (same) {
		na = fread(x, 1, sizeof(x), fa);
		nb = fread(y, 1, sizeof(y), fb);
		if (na != nb || memcmp(x, y, na) != 0)
			same = 0;
		if (na < sizeof(x))
			break;
	}
	if (same && (ferror(fa) || ferror(fb)))
		same = 0;
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

static void	seen_old(struct outdir_changes *ch, const struct stat *st);
static int	same_tree(const char *a, const char *b,
		    struct outdir_changes *ch);

/* Whether the entries a and b are the same; ch (may be NULL) notes the
 * change times of the entries of a, the old output. */
static int
same_entry(const char *a, const char *b, struct outdir_changes *ch)
{
	struct stat sa, sb;
	char la[4096], lb[4096];
	ssize_t na, nb;

	if (lstat(a, &sa) < 0 || lstat(b, &sb) < 0 ||
	    (sa.st_mode & S_IFMT) != (sb.st_mode & S_IFMT) ||
	    ((sa.st_mode & 0111) != 0) != ((sb.st_mode & 0111) != 0))
		return 0;
	seen_old(ch, &sa);
	if (S_ISDIR(sa.st_mode))
		return same_tree(a, b, ch);
	if (S_ISREG(sa.st_mode))
		return sa.st_size == sb.st_size && same_file(a, b);
	if (S_ISLNK(sa.st_mode)) {
		na = readlink(a, la, sizeof(la));
		nb = readlink(b, lb, sizeof(lb));
		return na >= 0 && na == nb && memcmp(la, lb, (size_t)na) == 0;
	}
	return 0;
}

int
outdir_same_tree(const char *a, const char *b)
{
	return same_tree(a, b, NULL);
}

static int
same_tree(const char *a, const char *b, struct outdir_changes *ch)
{
	struct dirent **ea = NULL, **eb = NULL;
	struct buf pa = BUF_INIT, pb = BUF_INIT;
	int na, nb, i, same;

	na = scandir(a, &ea, no_dots, by_name);
	nb = scandir(b, &eb, no_dots, by_name);
	same = na >= 0 && na == nb;
	for (i = 0; same && i < na; i++) {
		buf_reset(&pa);
		buf_reset(&pb);
		buf_printf(&pa, "%s/%s", a, ea[i]->d_name);
		buf_printf(&pb, "%s/%s", b, eb[i]->d_name);
		same = strcmp(ea[i]->d_name, eb[i]->d_name) == 0 &&
		    same_entry(pa.data, pb.data, ch);
	}
	for (i = 0; i < na; i++)
		free(ea[i]);
	for (i = 0; i < nb; i++)
		free(eb[i]);
	free(ea);
	free(eb);
	buf_dispose(&pa);
	buf_dispose(&pb);
	return same;
}

/* }==== */

/* {==== Writing */

/* Makes the directory dir (and those above it) with mode 0755. */
static int
make_dirs(struct diag *d, const char *dir)
{
	char *p = xstrdup(dir), *s, c;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, 0755) == 0)
			chmod(p, 0755);
		else if (errno != EEXIST) {
			diag_err(d, &(struct pos){ p, 0 },
			    "cannot create directory: %s", strerror(errno));
			rc = -1;
			break;
		}
		if (c == '\0')
			break;
		*s = c;
	}
	free(p);
	return rc;
}

/* {==== The marker: only a directory morgue made is ever replaced */

static const char marker_text[] = "This directory is written by morgue "
    "build, which replaces it as a whole.\n";

/* Whether dir holds the marker, or nothing at all. */
static int
ours(const char *dir)
{
	struct buf path = BUF_INIT;
	struct dirent *e;
	struct stat st;
	DIR *dp;
	int yes;

	buf_printf(&path, "%s/%s", dir, OUTDIR_MARKER);
	yes = lstat(path.data, &st) == 0 && S_ISREG(st.st_mode);
	buf_dispose(&path);
	if (yes || (dp = opendir(dir)) == NULL)
		return yes;
	yes = 1;
	while (yes && (e = readdir(dp)) != NULL)
		yes = !no_dots(e);
	closedir(dp);
	return yes;
}

/*
 * Refuses to go on when path is a directory that morgue did not make: a
 * wrong output setting must never replace (and so delete) the user's
 * files. Anything else at path (nothing, a file, a symlink, which is
 * replaced and not followed) deletes no directory. Returns 0 or -1.
 */
static int
check_ours(struct diag *d, const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode) || ours(path))
		return 0;
	diag_err(d, &(struct pos){ path, 0 }, "not replaced: this directory "
	    "was not made by morgue (it has no %s); remove it or choose "
	    "another output", OUTDIR_MARKER);
	return -1;
}

/* }==== */

/* Removes what crashed builds left beside the output: base.tmp-PID and
 * base.old-PID of processes that no longer run. */
static void
remove_stale(const char *dir, const char *base)
{
	struct buf path = BUF_INIT;
	struct dirent *e;
	size_t n = strlen(base);
	char *end;
	long pid;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (strncmp(e->d_name, base, n) != 0 ||
		    (strncmp(e->d_name + n, ".tmp-", 5) != 0 &&
		    strncmp(e->d_name + n, ".old-", 5) != 0))
			continue;
		pid = strtol(e->d_name + n + 5, &end, 10);
		if (*end != '\0' || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		if (ours(path.data))
			outdir_remove_tree(path.data);
	}
	closedir(dp);
	buf_dispose(&path);
}

int
outdir_settled(const char *path)
{
	struct dirent *e;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = slash != NULL ? slash + 1 : dir;
	size_t n = strlen(base);
	int settled = 1;
	DIR *dp;

	if (slash != NULL)
		*slash = '\0';
	if ((dp = opendir(slash != NULL ? (*dir ? dir : "/") : ".")) == NULL) {
		free(dir);
		return 0;
	}
	while (settled && (e = readdir(dp)) != NULL)
		if (n > 0 && strncmp(e->d_name, base, n) == 0 &&
		    (strncmp(e->d_name + n, ".tmp-", 5) == 0 ||
		    strncmp(e->d_name + n, ".old-", 5) == 0))
			settled = 0;
	closedir(dp);
	free(dir);
	return settled;
}

int
outdir_begin(struct outdir *out, struct diag *d, const char *path)
{
	struct buf tmp = BUF_INIT;
	char *dir = xstrdup(path), *slash;
	const char *base = path;

	while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		base = path + (slash - dir) + 1;
		if (make_dirs(d, dir) < 0) {
			free(dir);
			return -1;
		}
	} else {
		free(dir);
		dir = xstrdup(".");
	}
	if (check_ours(d, path) < 0) {
		free(dir);
		return -1;
	}
	remove_stale(dir, base);
	buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	outdir_remove_tree(tmp.data);
	free(dir);
	if (mkdir(tmp.data, 0755) < 0) {
		diag_err(d, &(struct pos){ tmp.data, 0 },
		    "cannot create directory: %s", strerror(errno));
		buf_dispose(&tmp);
		return -1;
	}
	chmod(tmp.data, 0755);
	out->path = xstrdup(path);
	out->tmp = buf_detach(&tmp);
	out->changes = NULL;
	out->cache = NULL;
	out->lastdir = NULL;
	if (outdir_write(out, d, OUTDIR_MARKER, marker_text,
	    sizeof(marker_text) - 1) < 0) {
		outdir_dispose(out);
		return -1;
	}
	return 0;
}

/* Whether rel stays below the directory it is relative to: no empty,
 * "." or ".." part. */
static int
tame(const char *rel)
{
	const char *p = rel, *e;
	size_t n;

	for (;;) {
		e = strchr(p, '/');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && *p == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (e == NULL)
			return 1;
		p = e + 1;
	}
}

int
outdir_keep(struct outdir *o, const char *rel, const XXH128_hash_t *key)
{
	return o->cache != NULL && outdir_cache_has(o->cache, rel, key);
}

int
outdir_write(struct outdir *o, struct diag *d, const char *rel,
    const char *data, size_t len)
{
	return outdir_write_key(o, d, rel, data, len, NULL);
}

int
outdir_write_key(struct outdir *o, struct diag *d, const char *rel,
    const char *data, size_t len, const XXH128_hash_t *key)
{
	struct buf path = BUF_INIT;
	char *slash;
	ssize_t n;
	size_t done = 0;
	int fd = -1, rc = -1;

	if (!tame(rel)) {
		diag_err(d, &(struct pos){ rel, 0 }, "refusing to write "
		    "outside the output directory");
		return -1;
	}
	if (o->cache != NULL && outdir_cache_keep(o->cache, rel, data, len,
	    key))
		return 0;	/* the output has these bytes already */
	buf_printf(&path, "%s/%s", o->tmp, rel);
	slash = strrchr(path.data, '/');
	*slash = '\0';
	/* Pages come directory by directory: the one made last is known. */
	if (o->lastdir == NULL || strcmp(o->lastdir, path.data) != 0) {
		if (make_dirs(d, path.data) < 0)
			goto out;
		free(o->lastdir);
		o->lastdir = xstrdup(path.data);
	}
	*slash = '/';
	fd = open(path.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	while (done < len) {
		if ((n = write(fd, data + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fchmod(fd, 0644) < 0)
		goto fail;
	rc = close(fd);
	fd = -1;
	if (rc == 0)
		goto out;
fail:
	diag_err(d, &(struct pos){ path.data, 0 }, "cannot write: %s",
	    strerror(errno));
	rc = -1;
out:
	if (fd >= 0)
		close(fd);
	buf_dispose(&path);
	return rc;
}

/* }==== */

/* {==== Keeping unchanged files */

static void
note(struct outdir_changes *ch, int c, const char *rel, const char *name)
{
	struct buf b = BUF_INIT;

	if (ch == NULL)
		return;
	buf_printf(&b, "%c%s%s", c, rel, name);
	strv_take(&ch->paths, buf_detach(&b));
}

/* Remembers the ctime of an old entry the change list relies on. */
static void
seen_old(struct outdir_changes *ch, const struct stat *st)
{
	if (ch != NULL && (st->st_ctim.tv_sec > ch->newest.tv_sec ||
	    (st->st_ctim.tv_sec == ch->newest.tv_sec &&
	    st->st_ctim.tv_nsec > ch->newest.tv_nsec)))
		ch->newest = st->st_ctim;
}

/* Lists every file below the new directory dir (REL/) as written. */
static void
note_all(struct outdir_changes *ch, const char *dir, const char *rel)
{
	struct dirent **e = NULL;
	struct buf p = BUF_INIT, r = BUF_INIT;
	struct stat st;
	int n, i;

	if (ch == NULL)
		return;
	if ((n = scandir(dir, &e, no_dots, by_name)) < 0)
		ch->known = 0;
	for (i = 0; i < n; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, e[i]->d_name);
		if (lstat(p.data, &st) < 0)
			ch->known = 0;
		else if (S_ISDIR(st.st_mode)) {
			buf_reset(&r);
			buf_printf(&r, "%s%s/", rel, e[i]->d_name);
			note_all(ch, p.data, r.data);
		} else
			note(ch, '+', rel, e[i]->d_name);
		free(e[i]);
	}
	free(e);
	buf_dispose(&p);
	buf_dispose(&r);
}

/*
 * Replaces each file of the new tree that is byte for byte the old
 * tree's file of the same name by a hard link to the old one, so that a
 * build that changed one article leaves every other file as it was:
 * same inode, same mtime. Readers that trust stat data (rsync, a web
 * server's caches) then only look at what changed, and ch (may be NULL)
 * gets the list of what did, found by walking both trees' names in
 * order; rel is the directories' path below the output ("" or "a/b/").
 * Only plain files that this user owns, with one link and mode 0644 (as
 * builds write them), are taken over; anything else is left as written
 * (and listed). Best effort: a failure leaves the new file.
 */
static void
keep_unchanged(const char *old, const char *new, const char *rel,
    struct outdir_changes *ch)
{
	struct dirent **e = NULL, **f = NULL;
	struct buf po = BUF_INIT, pn = BUF_INIT, tmp = BUF_INIT, r = BUF_INIT;
	struct stat so, sn;
	const char *name;
	int n, m, i = 0, j = 0, c;

	if ((n = scandir(new, &e, no_dots, by_name)) < 0)
		n = 0;
	if ((m = scandir(old, &f, no_dots, by_name)) < 0)
		m = 0;
	if ((n == 0 || m == 0) && ch != NULL)
		ch->known = 0;	/* an error, or a tree not worth listing */
	while (i < n || j < m) {
		c = i >= n ? 1 : j >= m ? -1 :
		    strcmp(e[i]->d_name, f[j]->d_name);
		if (c > 0) {
			note(ch, '-', rel, f[j++]->d_name);
			continue;
		}
		name = e[i++]->d_name;
		if (c == 0)
			j++;
		buf_reset(&po);
		buf_reset(&pn);
		buf_printf(&po, "%s/%s", old, name);
		buf_printf(&pn, "%s/%s", new, name);
		if (lstat(pn.data, &sn) < 0) {
			if (ch != NULL)
				ch->known = 0;
			continue;
		}
		buf_reset(&r);
		buf_printf(&r, "%s%s/", rel, name);
		if (c != 0) {
			if (S_ISDIR(sn.st_mode))
				note_all(ch, pn.data, r.data);
			else
				note(ch, '+', rel, name);
			continue;
		}
		if (lstat(po.data, &so) < 0 ||
		    S_ISDIR(sn.st_mode) != S_ISDIR(so.st_mode)) {
			if (ch != NULL)
				ch->known = 0;
			continue;
		}
		seen_old(ch, &so);
		if (S_ISDIR(sn.st_mode)) {
			keep_unchanged(po.data, pn.data, r.data, ch);
			continue;
		}
		if (!S_ISREG(sn.st_mode) || !S_ISREG(so.st_mode) ||
		    so.st_size != sn.st_size || so.st_nlink != 1 ||
		    so.st_uid != geteuid() || (so.st_mode & 07777) != 0644 ||
		    (sn.st_mode & 07777) != 0644 ||
		    !same_file(po.data, pn.data)) {
			note(ch, '+', rel, name);
			continue;
		}
		buf_reset(&tmp);
		buf_printf(&tmp, "%s/.keep-%s", new, name);
		if (link(po.data, tmp.data) < 0) {
			note(ch, '+', rel, name);
			continue;
		}
		if (rename(tmp.data, pn.data) < 0) {
			unlink(tmp.data);
			note(ch, '+', rel, name);
		}
	}
	for (i = 0; i < n; i++)
		free(e[i]);
	for (j = 0; j < m; j++)
		free(f[j]);
	free(e);
	free(f);
	buf_dispose(&po);
	buf_dispose(&pn);
	buf_dispose(&tmp);
	buf_dispose(&r);
}

void
outdir_changes_dispose(struct outdir_changes *c)
{
	strv_dispose(&c->paths);
}

/* }==== */

int
outdir_commit(struct outdir *o, struct diag *d, int *changed)
{
	struct buf old = BUF_INIT;
	struct stat st;
	int rc = -1, same;

	if (changed != NULL)
		*changed = 1;
	if (outdir_cache_trusted(o->cache)) {
		if (outdir_cache_apply(o->cache, o->path, o->tmp, o->changes,
		    changed != NULL ? changed : &same) == 0)
			return 0;
		diag_err(d, &(struct pos){ o->path, 0 }, "cannot update the "
		    "output directory: %s (the next build rewrites it whole)",
		    strerror(errno));
		return -1;
	}
	if (o->changes != NULL) {
		strv_dispose(&o->changes->paths);
		o->changes->known = 0;
		o->changes->newest = (struct timespec){ 0, 0 };
	}
	if (check_ours(d, o->path) < 0)
		return -1;
	if (lstat(o->path, &st) < 0) {
		if (errno == ENOENT && rename(o->tmp, o->path) == 0)
			rc = 0;
		goto out;
	}
	if (o->changes != NULL) {
		o->changes->known = 1;
		o->changes->dev = st.st_dev;
		o->changes->ino = st.st_ino;
		seen_old(o->changes, &st);
	}
	/* Equal trees: nothing changed, and the list says so. */
	if (S_ISDIR(st.st_mode) && same_tree(o->path, o->tmp, o->changes)) {
		if (changed != NULL)
			*changed = 0;
		rc = outdir_remove_tree(o->tmp);
		goto out;
	}
	if (o->changes != NULL)
		o->changes->known = S_ISDIR(st.st_mode);
	if (S_ISDIR(st.st_mode))
		keep_unchanged(o->path, o->tmp, "", o->changes);
	/* After the exchange, tmp holds the old tree. */
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path,
	    RENAME_EXCHANGE) == 0) {
		rc = outdir_remove_tree(o->tmp);
		goto out;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		goto out;
	buf_printf(&old, "%s.old-%ld", o->path, (long)getpid());
	if (rename(o->path, old.data) < 0)
		goto out;
	if (rename(o->tmp, o->path) < 0) {
		rename(old.data, o->path);
		goto out;
	}
	rc = outdir_remove_tree(old.data);
out:
	if (rc == 0 && o->cache != NULL)
		(void)outdir_cache_rebuilt(o->cache, o->path);
	if (rc < 0)
		diag_err(d, &(struct pos){ o->path, 0 },
		    "cannot replace the output directory: %s",
		    strerror(errno));
	buf_dispose(&old);
	return rc;
}

void
outdir_dispose(struct outdir *o)
{
	if (o->tmp != NULL)
		outdir_remove_tree(o->tmp);
	free(o->path);
	free(o->tmp);
	free(o->lastdir);
	outdir_cache_free(o->cache);
	o->cache = NULL;
	o->path = o->tmp = o->lastdir = NULL;
}
