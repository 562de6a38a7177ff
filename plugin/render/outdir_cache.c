/*
 * outdir_cache.c: writing only what changed (outdir.h, outdir_cache()).
 *
 * The manifest (a file of the project's build cache) lists every entry
 * of the output directory as the last build left it: for a file its
 * size, stat data (inode, mtime, ctime) and content hash (XXH3-128); for
 * a directory its stat data. A build that finds the output exactly so
 * (every entry's stat data unchanged, no journal left over) trusts it:
 * a page whose bytes hash as the manifest says is not written at all,
 * the others are written beside the output and renamed into place one
 * by one after a journal names them, and files no page wrote any more
 * are removed. Any doubt (no manifest, a hand edit, a planted link, a
 * journal a killed build left) makes the build write the whole tree
 * beside the output and swap it in (outdir.c), and the manifest is made
 * anew from what is then on disk.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "core/par.h"
#include "core/xalloc.h"
#include "render/outdir.h"

#define MANIFEST_MAGIC	"morgue-outdir 2"

struct oc_ent {
	char		*path;		/* relative; directories end in "/" */
	uint64_t	 size, ino;
	struct timespec	 mtime, ctime;
	XXH128_hash_t	 h;
	XXH128_hash_t	 key;		/* what made it; 0 0: not known */
	unsigned char	 dir, old, seen, written;
};

struct outdir_cache {
	char		*file;		/* the manifest */
	int		 trusted;	/* the old output is as listed */
	struct oc_ent	*v;
	size_t		 n, cap;
	size_t		*slot;		/* index + 1 into v; 0 is empty */
	int		 rekeyed;	/* a key changed: save the manifest */
	size_t		 nslot;
	struct timespec	 newest;	/* latest ctime of the old entries */
	dev_t		 dev;
	ino_t		 ino;
};

/* {==== the path map ===== */

static size_t
slot_of(const struct outdir_cache *c, const char *path)
{
	size_t i = (size_t)XXH3_64bits(path, strlen(path)) & (c->nslot - 1);

	while (c->slot[i] != 0 && strcmp(c->v[c->slot[i] - 1].path, path) != 0)
		i = (i + 1) & (c->nslot - 1);
	return i;
}

static void
rehash(struct outdir_cache *c)
{
	size_t i;

	free(c->slot);
	c->nslot = 64;
	while (c->nslot < 2 * (c->n + 1))
		c->nslot *= 2;
	c->slot = xcalloc(c->nslot, sizeof(*c->slot));
	for (i = 0; i < c->n; i++)
		c->slot[slot_of(c, c->v[i].path)] = i + 1;
}

static struct oc_ent *
find(const struct outdir_cache *c, const char *path)
{
	size_t i;

	if (c->nslot == 0)
		return NULL;
	i = slot_of(c, path);
	return c->slot[i] != 0 ? &c->v[c->slot[i] - 1] : NULL;
}

/* The entry of path, added (zeroed) when missing. */
static struct oc_ent *
get(struct outdir_cache *c, const char *path)
{
	struct oc_ent *e = find(c, path);

	if (e != NULL)
		return e;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	e = &c->v[c->n++];
	memset(e, 0, sizeof(*e));
	e->path = xstrdup(path);
	if (2 * (c->n + 1) > c->nslot)
		rehash(c);
	else
		c->slot[slot_of(c, path)] = c->n;
	return e;
}

/* }==== */

/* {==== reading and checking the manifest ===== */

static int
ts_after(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec &&
	    a->tv_nsec > b->tv_nsec);
}

static int
ts_eq(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* The number at *p in base (10 or 16), signed or not, which a space
 * must end; *p is moved past the space. -1 when there is none. */
static int
field(char **p, int base, int sign, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = sign ? (unsigned long long)strtoll(*p, &end, base) :
	    strtoull(*p, &end, base);
	if (end == *p || *end != ' ' || errno != 0)
		return -1;
	*p = end + 1;
	return 0;
}

/* Parses one manifest line into a new entry; -1 when malformed. Read
 * with strtoull(), not sscanf(): an output of 10,000 articles has some
 * 40,000 lines, and sscanf() took a tenth of a second over them. */
static int
parse_line(struct outdir_cache *c, char *line)
{
	/* size ino mtime(s ns) ctime(s ns) hash(hi lo) key(hi lo) */
	static const struct { int base, sign; } f[10] = {
		{ 10, 0 }, { 10, 0 }, { 10, 1 }, { 10, 1 }, { 10, 1 },
		{ 10, 1 }, { 16, 0 }, { 16, 0 }, { 16, 0 }, { 16, 0 }
	};
	unsigned long long v[10];
	struct oc_ent *e;
	char kind = line[0], *p = line + 2;
	size_t i;

	line[strcspn(line, "\n")] = '\0';
	if ((kind != 'F' && kind != 'D') || line[1] != ' ')
		return -1;
	for (i = 0; i < 10; i++)
		if (field(&p, f[i].base, f[i].sign, &v[i]) < 0)
			return -1;
	if (*p == '\0' || find(c, p) != NULL)
		return -1;
	e = get(c, p);
	e->dir = kind == 'D';
	e->old = 1;
	e->size = v[0];
	e->ino = v[1];
	e->mtime = (struct timespec){ (time_t)(long long)v[2], (long)v[3] };
	e->ctime = (struct timespec){ (time_t)(long long)v[4], (long)v[5] };
	e->h.high64 = v[6];
	e->h.low64 = v[7];
	e->key.high64 = v[8];
	e->key.low64 = v[9];
	return 0;
}

/* Whether the output's entry e is still as the manifest says; its ctime
 * raises *newest. */
static int
entry_holds(struct timespec *newest, int root, const struct oc_ent *e)
{
	struct stat st;
	char *p = xstrdup(e->path);
	size_t len = strlen(p);
	int ok;

	if (len > 1 && p[len - 1] == '/')
		p[len - 1] = '\0';
	ok = fstatat(root, p, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    (e->dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode) &&
	    st.st_nlink == 1 && (uint64_t)st.st_size == e->size) &&
	    (st.st_mode & 07777) == (e->dir ? 0755 : 0644) &&
	    (uint64_t)st.st_ino == e->ino && ts_eq(&st.st_mtim, &e->mtime) &&
	    ts_eq(&st.st_ctim, &e->ctime);
	if (ok && ts_after(&st.st_ctim, newest))
		*newest = st.st_ctim;
	free(p);
	return ok;
}

/* The entries checked on every core (an archive of 10,000 articles has
 * some 40,000), each thread with its own verdict and newest ctime. */
struct hold_job {
	const struct outdir_cache *c;
	int			 root;
	int			 failed[PAR_MAX_JOBS];
	struct timespec		 newest[PAR_MAX_JOBS];
};

static void
hold_item(void *arg, size_t i, unsigned worker)
{
	struct hold_job *j = arg;

	if (!j->failed[worker] && !entry_holds(&j->newest[worker], j->root,
	    &j->c->v[i]))
		j->failed[worker] = 1;
}

/* Whether every entry of c still holds in the output (root). */
static int
all_hold(struct outdir_cache *c, int root)
{
	struct hold_job *j = xcalloc(1, sizeof(*j));
	unsigned w;
	int ok = 1;

	j->c = c;
	j->root = root;
	for (w = 0; w < PAR_MAX_JOBS; w++)
		j->newest[w] = c->newest;
	par_for(c->n, 0, 256, hold_item, j);
	for (w = 0; w < PAR_MAX_JOBS; w++) {
		ok &= !j->failed[w];
		if (ts_after(&j->newest[w], &c->newest))
			c->newest = j->newest[w];
	}
	free(j);
	return ok;
}

/* Reads the manifest and checks the output against it; sets trusted. */
static void
load(struct outdir_cache *c, const char *outpath)
{
	char *line = NULL, *journal;
	size_t cap = 0, i;
	unsigned long long dev, ino;
	long long ms, mn, cs, cn;
	struct stat st;
	int root = -1, ok = 0, off = 0;
	FILE *f;

	journal = xmalloc(strlen(c->file) + sizeof(".journal"));
	sprintf(journal, "%s.journal", c->file);
	if (access(journal, F_OK) == 0 || (f = fopen(c->file, "re")) == NULL) {
		free(journal);
		return;
	}
	free(journal);
	if (getline(&line, &cap, f) > 0 &&
	    strncmp(line, MANIFEST_MAGIC " ", sizeof(MANIFEST_MAGIC)) == 0 &&
	    sscanf(line + sizeof(MANIFEST_MAGIC), "%llu %llu %lld %lld %lld "
	    "%lld%n", &dev, &ino, &ms, &mn, &cs, &cn, &off) == 6 && off > 0 &&
	    lstat(outpath, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino &&
	    st.st_mtim.tv_sec == ms && st.st_mtim.tv_nsec == mn &&
	    st.st_ctim.tv_sec == cs && st.st_ctim.tv_nsec == cn) {
		c->dev = st.st_dev;
		c->ino = st.st_ino;
		c->newest = st.st_ctim;
		ok = 1;
		while (ok && getline(&line, &cap, f) > 0)
			ok = parse_line(c, line) == 0;
	}
	fclose(f);
	free(line);
	if (ok && (root = open(outpath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		ok = 0;
	if (ok)
		ok = all_hold(c, root);
	if (ok && (st.st_mode & 07777) != 0755)
		ok = 0;
	if (root >= 0)
		close(root);
	c->trusted = ok;
	if (!ok) {	/* the old entries are no use: forget them */
		for (i = 0; i < c->n; i++)
			free(c->v[i].path);
		c->n = 0;
		rehash(c);
		c->newest = (struct timespec){ 0, 0 };
	}
}

/* }==== */

struct outdir_cache *
outdir_cache_open(const char *file, const char *outpath, int full)
{
	struct outdir_cache *c = xcalloc(1, sizeof(*c));

	c->file = xstrdup(file);
	rehash(c);
	if (!full)
		load(c, outpath);
	return c;
}

int
outdir_cache_trusted(const struct outdir_cache *c)
{
	return c != NULL && c->trusted;
}

/* Whether k is a key: 0 0 stands for none. */
static int
is_key(XXH128_hash_t k)
{
	return k.high64 != 0 || k.low64 != 0;
}

int
outdir_cache_has(struct outdir_cache *c, const char *rel,
    const XXH128_hash_t *key)
{
	struct oc_ent *e = find(c, rel);

	if (!c->trusted || e == NULL || !e->old || e->dir || e->seen ||
	    !is_key(e->key) || !XXH128_isEqual(*key, e->key))
		return 0;
	e->seen = 1;
	return 1;
}

int
outdir_cache_keep(struct outdir_cache *c, const char *rel, const char *data,
    size_t len, const XXH128_hash_t *key)
{
	XXH128_hash_t h = XXH3_128bits(data, len);
	XXH128_hash_t k = key != NULL ? *key : (XXH128_hash_t){ 0, 0 };
	struct oc_ent *e = get(c, rel);

	e->seen = 1;
	if (!XXH128_isEqual(k, e->key)) {
		e->key = k;
		c->rekeyed = 1;
	}
	if (c->trusted && e->old && !e->dir && e->size == len &&
	    XXH128_isEqual(h, e->h))
		return 1;
	e->h = h;
	e->size = len;
	e->dir = 0;
	e->written = 1;
	return 0;
}

/* {==== putting the changes in place ===== */

/*
 * The directory fd of rel's parent below root, each part opened without
 * following links; with make, missing directories are made (0755).
 * *name points at rel's last part. Returns the fd (close it; root itself
 * is returned as dup()) or -1.
 */
static int
open_parent(int root, const char *rel, int make, const char **name)
{
	const char *p = rel, *slash;
	char part[256];
	int fd = dup(root), next;
	size_t n;

	while (fd >= 0 && (slash = strchr(p, '/')) != NULL && slash[1] != '\0') {
		n = (size_t)(slash - p);
		if (n == 0 || n >= sizeof(part)) {
			close(fd);
			return -1;
		}
		memcpy(part, p, n);
		part[n] = '\0';
		next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (next < 0 && errno == ENOENT && make &&
		    mkdirat(fd, part, 0755) == 0) {
			next = openat(fd, part, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			if (next >= 0)
				(void)fchmod(next, 0755);
		}
		close(fd);
		fd = next;
		p = slash + 1;
	}
	*name = p;
	return fd;
}

static int
by_path(const void *x, const void *y)
{
	return strcmp((*(struct oc_ent *const *)x)->path,
	    (*(struct oc_ent *const *)y)->path);
}

/* The journal: what is about to change, so that a build killed while
 * renaming leaves a mark the next one sees (it then rewrites all). */
static int
journal_write(const struct outdir_cache *c, struct oc_ent **v, size_t n)
{
	struct buf p = BUF_INIT;
	size_t i;
	FILE *f;
	int rc = -1;

	buf_printf(&p, "%s.journal", c->file);
	if ((f = fopen(p.data, "we")) != NULL) {
		for (i = 0; i < n; i++)
			fprintf(f, "%c%s\n", v[i]->seen ? '+' : '-',
			    v[i]->path);
		rc = fflush(f) == 0 && fsync(fileno(f)) == 0 ? 0 : -1;
		if (fclose(f) != 0)
			rc = -1;
	}
	buf_dispose(&p);
	return rc;
}

static void
journal_remove(const struct outdir_cache *c)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s.journal", c->file);
	unlink(p.data);
	buf_dispose(&p);
}

/* Records the stat data of e as it now is below root; -1 if gone. */
static int
restat(int root, struct oc_ent *e)
{
	struct stat st;
	char *p = xstrdup(e->path);
	size_t len = strlen(p);
	int rc = -1;

	if (len > 1 && p[len - 1] == '/')
		p[len - 1] = '\0';
	if (fstatat(root, p, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		e->size = e->dir ? 0 : (uint64_t)st.st_size;
		e->ino = (uint64_t)st.st_ino;
		e->mtime = st.st_mtim;
		e->ctime = st.st_ctim;
		rc = 0;
	}
	free(p);
	return rc;
}

/* Marks the directories above rel (as "a/", "a/b/") needed, and to be
 * looked at again when touch is set. */
static void
need_dirs(struct outdir_cache *c, const char *rel, int touch)
{
	struct buf b = BUF_INIT;
	const char *s;
	struct oc_ent *e;

	for (s = rel; (s = strchr(s, '/')) != NULL && s[1] != '\0'; s++) {
		buf_reset(&b);
		buf_put(&b, rel, (size_t)(s - rel) + 1);
		e = get(c, b.data);
		e->dir = 1;
		e->seen = 1;
		if (touch || !e->old)
			e->written = 1;
	}
	buf_dispose(&b);
}

/* Marks the old directories above rel, a file going away, to be looked
 * at again. */
static void
touch_dirs(struct outdir_cache *c, const char *rel)
{
	struct buf b = BUF_INIT;
	const char *s;
	struct oc_ent *e;

	for (s = rel; (s = strchr(s, '/')) != NULL && s[1] != '\0'; s++) {
		buf_reset(&b);
		buf_put(&b, rel, (size_t)(s - rel) + 1);
		if ((e = find(c, b.data)) != NULL)
			e->written = 1;
	}
	buf_dispose(&b);
}

/* Writes the manifest of root (fd) from the entries seen; 0 or -1. */
static int
save(struct outdir_cache *c, int root)
{
	struct oc_ent **v = xcalloc(c->n + 1, sizeof(*v));
	struct buf tmp = BUF_INIT;
	struct stat st;
	size_t i, k = 0;
	FILE *f;
	int rc = -1;

	for (i = 0; i < c->n; i++)
		if (c->v[i].seen)
			v[k++] = &c->v[i];
	sort_array(v, k, sizeof(*v), by_path);
	buf_printf(&tmp, "%s.new", c->file);
	if (fstat(root, &st) < 0 || (f = fopen(tmp.data, "we")) == NULL)
		goto out;
	fprintf(f, "%s %llu %llu %lld %ld %lld %ld\n", MANIFEST_MAGIC,
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
	    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
	    (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
	for (i = 0; i < k; i++) {
		if ((v[i]->written || !v[i]->old) && restat(root, v[i]) < 0)
			continue;
		fprintf(f, "%c %" PRIu64 " %" PRIu64 " %lld %ld %lld %ld "
		    "%016" PRIx64 " %016" PRIx64 " %" PRIx64 " %" PRIx64
		    " %s\n", v[i]->dir ? 'D' : 'F',
		    v[i]->size, v[i]->ino, (long long)v[i]->mtime.tv_sec,
		    v[i]->mtime.tv_nsec, (long long)v[i]->ctime.tv_sec,
		    v[i]->ctime.tv_nsec, (uint64_t)v[i]->h.high64,
		    (uint64_t)v[i]->h.low64, (uint64_t)v[i]->key.high64,
		    (uint64_t)v[i]->key.low64, v[i]->path);
	}
	rc = fclose(f) == 0 ? 0 : -1;
	if (rc == 0)
		rc = rename(tmp.data, c->file);
	if (rc < 0)
		unlink(tmp.data);
out:
	free(v);
	buf_dispose(&tmp);
	return rc;
}

/* What walk_tree() does with each entry: dir holds it as name, path is
 * its path in the tree (a directory's ends in '/'); data is scratch. */
typedef void	visit_fn(struct outdir_cache *c, int dir, const char *name,
		    const char *path, const struct stat *st, struct buf *data);

/* Calls visit for every entry below dir (rel/), each directory before
 * what it holds; symlinks are entries, never followed. */
static void
walk_tree(struct outdir_cache *c, int dir, const char *rel, visit_fn *visit,
    struct buf *data)
{
	struct buf p = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *dp;
	int fd;

	if ((fd = dup(dir)) < 0 || (dp = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    fstatat(dir, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s%s%s", rel, de->d_name,
		    S_ISDIR(st.st_mode) ? "/" : "");
		visit(c, dir, de->d_name, p.data, &st, data);
		if (S_ISDIR(st.st_mode) && (fd = openat(dir, de->d_name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
			walk_tree(c, fd, p.data, visit, data);
			close(fd);
		}
	}
	closedir(dp);
	buf_dispose(&p);
}

/* Reads the file name below dir into data; 0 or -1. */
static int
read_at(int dir, const char *name, struct buf *data)
{
	int fd, rc;

	if ((fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	buf_reset(data);
	rc = buf_read_fd(data, fd, SIZE_MAX);
	close(fd);
	return rc < 0 ? -1 : 0;
}

/* Adds an entry of the new tree that no page wrote (the assets' copies
 * are written too; anything else is read). */
static void
note_on_disk(struct outdir_cache *c, int dir, const char *name,
    const char *path, const struct stat *st, struct buf *data)
{
	struct oc_ent *e = get(c, path);

	e->seen = 1;
	e->written = 1;
	e->old = 0;
	e->dir = S_ISDIR(st->st_mode) != 0;
	if (!e->dir && e->size != (uint64_t)st->st_size &&
	    read_at(dir, name, data) == 0) {
		e->h = XXH3_128bits(data->data, data->len);
		e->size = data->len;
	}
}

int
outdir_cache_rebuilt(struct outdir_cache *c, const char *outpath)
{
	struct buf data = BUF_INIT;
	size_t i;
	int root, rc;

	for (i = 0; i < c->n; i++)	/* only what is on disk counts */
		c->v[i].seen = 0;
	if ((root = open(outpath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		return -1;
	walk_tree(c, root, "", note_on_disk, &data);
	buf_dispose(&data);
	rc = save(c, root);
	close(root);
	if (rc == 0)
		journal_remove(c);
	return rc;
}

/* Moves the file rel from below tmp to below root; 0 or -1. */
static int
move_in(int tmp, int root, const char *rel)
{
	const char *from, *to;
	int a = open_parent(tmp, rel, 0, &from);
	int b = a < 0 ? -1 : open_parent(root, rel, 1, &to);
	int rc = a >= 0 && b >= 0 ? renameat(a, from, b, to) : -1;

	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	return rc;
}

static void
remove_at(int root, const char *rel, int dir)
{
	char *p = xstrdup(rel);
	const char *name;
	size_t len = strlen(p);
	int fd;

	if (dir && len > 1)
		p[len - 1] = '\0';
	if ((fd = open_parent(root, p, 0, &name)) >= 0) {
		(void)unlinkat(fd, name, dir ? AT_REMOVEDIR : 0);
		close(fd);
	}
	free(p);
}

/*
 * Notes a file of the new tree that was put there without outdir_write():
 * one with the bytes the output has is dropped (kept as it is), another
 * goes in like a written page.
 */
static void
note_new(struct outdir_cache *c, int dir, const char *name,
    const char *path, const struct stat *st, struct buf *data)
{
	struct oc_ent *e;

	if (!S_ISREG(st->st_mode) || ((e = find(c, path)) != NULL &&
	    e->written) || read_at(dir, name, data) < 0)
		return;
	(void)outdir_cache_keep(c, path, data->data, data->len, NULL);
}

int
outdir_cache_apply(struct outdir_cache *c, const char *outpath,
    const char *tmppath, struct outdir_changes *ch, int *changed)
{
	struct buf data = BUF_INIT;
	struct oc_ent **v;
	size_t i, k = 0, n, nfiles;
	int root = -1, tmp = -1, rc = -1;

	if ((tmp = open(tmppath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) >= 0) {
		walk_tree(c, tmp, "", note_new, &data);
		buf_dispose(&data);
	}
	/* Only directories are added below: files and the old entries,
	 * all that v takes, are counted in n. */
	n = c->n;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)		/* the directories still needed */
		if (!c->v[i].dir && c->v[i].seen)
			need_dirs(c, c->v[i].path, c->v[i].written);
	for (i = 0; i < c->n; i++)
		if (!c->v[i].dir && c->v[i].old && !c->v[i].seen)
			touch_dirs(c, c->v[i].path);
	for (i = 0; i < c->n; i++)	/* files written or gone */
		if (!c->v[i].dir && (c->v[i].old || c->v[i].seen) &&
		    (c->v[i].seen ? c->v[i].written : 1))
			v[k++] = &c->v[i];
	nfiles = k;
	for (i = 0; i < c->n; i++)	/* then directories gone */
		if (c->v[i].dir && c->v[i].old && !c->v[i].seen)
			v[k++] = &c->v[i];
	/* Deepest first: "a/b/" sorts after "a/", so backwards. */
	sort_array(v + nfiles, k - nfiles, sizeof(*v), by_path);
	if (ch != NULL) {
		strv_dispose(&ch->paths);
		ch->known = 1;
		ch->newest = c->newest;
		ch->dev = c->dev;
		ch->ino = c->ino;
		for (i = 0; i < k; i++)
			if (!v[i]->dir) {
				struct buf b = BUF_INIT;

				buf_printf(&b, "%c%s", v[i]->seen ? '+' : '-',
				    v[i]->path);
				strv_take(&ch->paths, buf_detach(&b));
			}
		strv_sort(&ch->paths);
	}
	*changed = k > 0;
	if (k == 0 && !c->rekeyed) {
		rc = 0;
		goto out;
	}
	if (k == 0) {		/* the same output, some pages keyed anew */
		if ((root = open(outpath, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC)) >= 0)
			rc = save(c, root);
		goto out;
	}
	if (tmp < 0 || journal_write(c, v, k) < 0 ||
	    (root = open(outpath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		goto out;
	for (i = 0; i < nfiles; i++) {
		if (v[i]->seen && move_in(tmp, root, v[i]->path) < 0)
			goto out;
		if (!v[i]->seen)
			remove_at(root, v[i]->path, 0);
	}
	for (i = k; i-- > nfiles; )
		remove_at(root, v[i]->path, 1);
	rc = save(c, root);
	if (rc == 0)
		journal_remove(c);
out:
	if (root >= 0)
		close(root);
	if (tmp >= 0)
		close(tmp);
	free(v);
	return rc;
}

void
outdir_cache_free(struct outdir_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->v[i].path);
	free(c->v);
	free(c->slot);
	free(c->file);
	free(c);
}
