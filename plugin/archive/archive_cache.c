/*
 * archive_cache.c: the path map of one commit's scan, and the cache
 * beside the repository's objects (REPO/morgue-cache) that remembers,
 * for the tree of the branch's last commit, each file's stat data,
 * content hash (XXH3-128) and blob id (commit_int.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/commit_int.h"
#include "core/xalloc.h"

#define CACHE_NAME		"morgue-cache"
#define CACHE_MAGIC		"morgue-cache 1"

/* {==== the path map ===== */

struct commit_ent *
archive_ent_find(const struct commit_scan *s, const char *path)
{
	size_t *ix = map_get(&s->map, path, strlen(path));

	return ix != NULL ? &s->v[*ix] : NULL;
}

/* Adds path (taken over), which must not be in the map yet. */
struct commit_ent *
archive_ent_add(struct commit_scan *s, char *path)
{
	struct commit_ent *e;
	int added;

	ARRAY_GROW(s->v, s->n, s->cap);
	e = &s->v[s->n++];
	memset(e, 0, sizeof(*e));
	e->path = path;
	*map_put(&s->map, path, strlen(path), &added) = s->n - 1;
	return e;
}

/* {==== the cache ===== */

static char *
cache_path(const struct commit_scan *s)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s/%s", s->ar->path, CACHE_NAME);
	return buf_detach(&p);
}

/* Parses one cache line; returns 0, or -1 when it is malformed. */
static int
cache_line(struct commit_scan *s, char *line)
{
	uint64_t f[8];
	char *p = line, *end;
	git_oid oid;
	struct commit_ent *e;
	int i;

	if (strlen(line) < GIT_OID_HEXSZ + 2 || line[GIT_OID_HEXSZ] != ' ' ||
	    git_oid_fromstrn(&oid, line, GIT_OID_HEXSZ) < 0)
		return -1;
	p = line + GIT_OID_HEXSZ;
	for (i = 0; i < 8; i++) {
		if (*p++ != ' ')
			return -1;
		errno = 0;
		f[i] = strtoull(p, &end, i == 0 ? 8 : i == 5 || i == 6 ? 16 : 10);
		if (end == p || errno != 0)
			return -1;
		p = end;
	}
	if (*p++ != ' ' || *p == '\0' || archive_ent_find(s, p) != NULL)
		return -1;
	e = archive_ent_add(s, xstrdup(p));
	e->oid = oid;
	e->mode = (unsigned)f[0];
	e->size = f[1];
	e->mtime_s = f[2];
	e->mtime_ns = f[3];
	e->ino = f[4];
	e->h.high64 = f[5];
	e->h.low64 = f[6];
	e->has_stat = (f[7] & 1) != 0;
	e->has_hash = 1;
	return 0;
}

void
archive_cache_clear(struct commit_scan *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].path);
	s->n = 0;
	map_clear(&s->map);
}

/* Loads the cache when it describes tree; returns 1 if it did. */
int
archive_cache_load(struct commit_scan *s, const git_oid *tree)
{
	char want[GIT_OID_HEXSZ + 1], *path = cache_path(s), *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int ok = 0;

	git_oid_tostr(want, sizeof(want), tree);
	if ((f = fopen(path, "re")) == NULL)
		goto out;
	if ((len = getline(&line, &cap, f)) <= 0 ||
	    strncmp(line, CACHE_MAGIC " ", sizeof(CACHE_MAGIC)) != 0 ||
	    strncmp(line + sizeof(CACHE_MAGIC), want, GIT_OID_HEXSZ) != 0)
		goto out;
	/* A cache cut short (no "end") is ignored. */
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (strcmp(line, "end") == 0) {
			ok = 1;
			break;
		}
		if (cache_line(s, line) < 0)
			break;
	}
	if (!ok)
		archive_cache_clear(s);
out:
	if (f != NULL)
		fclose(f);
	free(line);
	free(path);
	return ok;
}

/* Stat data are trusted only for files older than the scan by 2 s, so a
 * file rewritten within one timestamp tick is still read (racy git). */
int
archive_cache_save(struct commit_scan *s, const git_oid *tree)
{
	struct buf b = BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1], *path = cache_path(s), *tmp;
	struct commit_ent *e;
	size_t i;
	int rc = -1, fd;

	if (!s->cache_ok) {
		unlink(path);
		free(path);
		return 0;
	}
	buf_printf(&b, "%s %s\n", CACHE_MAGIC,
	    git_oid_tostr(hex, sizeof(hex), tree));
	for (i = 0; i < s->n; i++) {
		e = &s->v[i];
		if (!e->seen)
			continue;
		buf_printf(&b, "%s %o %" PRIu64 " %" PRIu64 " %" PRIu64
		    " %" PRIu64 " %" PRIx64 " %" PRIx64 " %d %s\n",
		    git_oid_tostr(hex, sizeof(hex), &e->oid), e->mode, e->size,
		    e->mtime_s, e->mtime_ns, e->ino, e->h.high64, e->h.low64,
		    e->has_stat && (time_t)e->mtime_s + 2 < s->stamp, e->path);
	}
	BUF_PUTSL(&b, "end\n");
	tmp = xmalloc(strlen(path) + 5);
	memcpy(tmp, path, strlen(path));
	memcpy(tmp + strlen(path), ".tmp", 5);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666))
	    != -1) {
		if (write(fd, b.data, b.len) == (ssize_t)b.len &&
		    close(fd) == 0 && rename(tmp, path) == 0)
			rc = 0;
		else
			close(fd);
	}
	/* The cache only saves time: without it the next build hashes. */
	if (rc < 0) {
		unlink(tmp);
		unlink(path);
	}
	free(tmp);
	free(path);
	buf_dispose(&b);
	return 0;
}

/* Without a cache, the parent's tree gives the blob ids. */
int
archive_cache_tree_cb(const char *root, const git_tree_entry *te, void *payload)
{
	struct commit_scan *s = payload;
	struct commit_ent *e;
	struct buf p = BUF_INIT;

	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
		return 0;
	buf_printf(&p, "%s%s", root, git_tree_entry_name(te));
	if (archive_ent_find(s, p.data) != NULL) {
		buf_dispose(&p);
		return 0;
	}
	e = archive_ent_add(s, buf_detach(&p));
	git_oid_cpy(&e->oid, git_tree_entry_id(te));
	e->mode = (unsigned)git_tree_entry_filemode(te);
	return 0;
}
