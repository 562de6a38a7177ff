/*
 * archive_commit.c: one commit of the output directory (archive.h).
 *
 * The cost follows the change, not the archive: a cache beside the
 * repository's objects (REPO/morgue-cache) remembers, for the tree of the
 * branch's last commit, each file's stat data, a fast content hash
 * (XXH3-128) and its blob id. A file whose stat data still match is not
 * read; one whose content hash matches is not hashed by git; only files
 * whose blob id differs are written, and git_tree_create_updated() then
 * rewrites only the trees on their paths. Without a valid cache (first
 * build, cache lost, another tool moved the branch) the parent's tree is
 * walked instead and every file is hashed. Shorter still, when the build
 * hands over its list of changes (outdir.h) and a stamp shows that the
 * old output was exactly the parent's tree, only the listed files are
 * read and no directory of the output is (archive_commit_changes()).
 * The map and the cache are in archive_cache.c, the stamp in
 * archive_stamp.c.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "archive/commit_int.h"
#include "render/outdir.h"
#include "core/progress.h"
#include "core/xalloc.h"

/* Past this many new blobs, a batch's blobs go to a pack of our own
 * instead of through memory; and the pack made through memory is
 * flushed every PACK_FLUSH_BYTES. */
#define PACK_THRESHOLD		512
#define PACK_FLUSH_BYTES	((size_t)256 << 20)

/* {==== writing objects ===== */

static int
flush_pack(struct commit_scan *s, const git_oid *extra, size_t nextra)
{
	git_packbuilder *pb = NULL;
	git_odb_writepack *wp = NULL;
	git_indexer_progress st;
	git_buf pack = GIT_BUF_INIT;
	size_t i;
	int rc = -1;

	if (s->mp == NULL || s->npend + nextra == 0)
		return 0;
	if (git_packbuilder_new(&pb, s->ar->repo) < 0)
		goto out;
	git_packbuilder_set_threads(pb, 0);
	for (i = 0; i < s->npend; i++)
		if (git_packbuilder_insert(pb, &s->pend[i], NULL) < 0)
			goto out;
	for (i = 0; i < nextra; i++)
		if (git_packbuilder_insert(pb, &extra[i], NULL) < 0)
			goto out;
	memset(&st, 0, sizeof(st));
	if (git_packbuilder_write_buf(&pack, pb) < 0 ||
	    git_odb_write_pack(&wp, s->odb, NULL, NULL) < 0 ||
	    wp->append(wp, pack.ptr, pack.size, &st) < 0 ||
	    wp->commit(wp, &st) < 0 ||
	    git_mempack_reset(s->mp) < 0 || git_odb_refresh(s->odb) < 0)
		goto out;
	s->npend = s->pend_bytes = 0;
	rc = 0;
out:
	if (rc < 0)
		archive_git_err(s->ar, s->d, "cannot write a pack");
	if (wp != NULL)
		wp->free(wp);
	git_buf_dispose(&pack);
	git_packbuilder_free(pb);
	return rc;
}

/* Switches to writing into memory, then a pack. */
static int
start_pack(struct commit_scan *s)
{
	if (git_mempack_new(&s->mp) < 0)
		return archive_git_err(s->ar, s->d, "cannot write objects");
	if (git_odb_add_backend(s->odb, s->mp, 1000) < 0) {
		s->mp->free(s->mp);
		s->mp = NULL;
		return archive_git_err(s->ar, s->d, "cannot write objects");
	}
	/* The odb owns it now; once added it takes every write, so this
	 * archive handle keeps packing (archive_impl.h). */
	s->ar->mp = s->mp;
	return 0;
}

/* The id of the parent's blob at path into prev, if there is one. */
static void
prev_of(struct commit_scan *s, const char *path, git_oid *prev)
{
	git_tree_entry *te = NULL;

	if (git_tree_entry_bypath(&te, s->ptree, path) == 0 &&
	    git_tree_entry_type(te) == GIT_OBJECT_BLOB)
		git_oid_cpy(prev, git_tree_entry_id(te));
	git_tree_entry_free(te);
}

static int
write_blob(struct commit_scan *s, struct commit_ent *e, const char *data,
    size_t len)
{
	struct pos pos = { s->ar->path, 0 };
	git_oid prev;

	/* A large file goes to the chain pack as a delta against its
	 * previous version (archive_chain.c): a build that adds one
	 * article to a big list then costs about that article. */
	if (s->ar->store == ARCHIVE_STORE_AUTO && len >= ARCHIVE_CHAIN_MIN) {
		git_oid_cpy(&prev, &e->oid);
		if (git_oid_is_zero(&prev) && s->ptree != NULL)
			prev_of(s, e->path, &prev);
		if ((s->ch == NULL &&
		    archive_chain_new(&s->ch, s->ar, s->odb) < 0) ||
		    git_odb_hash(&e->oid, data, len, GIT_OBJECT_BLOB) < 0 ||
		    archive_chain_put(s->ch, &e->oid, data, len,
		    git_oid_is_zero(&prev) ? NULL : &prev) < 0) {
			diag_err(s->d, &pos, "cannot write %s/%s into the "
			    "archive: %s", s->dir, e->path, strerror(errno));
			return -1;
		}
		s->nblobs++;
		return 0;
	}
	/* A large batch's blobs go into a pack of our own (archive_pack.c):
	 * deflated once at zlib's fastest level, it is the fastest way
	 * (docs/archive.md). */
	if (s->ar->store == ARCHIVE_STORE_AUTO &&
	    (s->pk != NULL || s->first || s->nblobs >= PACK_THRESHOLD)) {
		if ((s->pk == NULL && archive_pack_new(&s->pk, s->ar) < 0) ||
		    git_odb_hash(&e->oid, data, len, GIT_OBJECT_BLOB) < 0 ||
		    archive_pack_add(s->pk, &e->oid, data, len) < 0) {
			diag_err(s->d, &pos, "cannot write %s/%s into the "
			    "archive: %s", s->dir, e->path, strerror(errno));
			return -1;
		}
		s->nblobs++;
		return 0;
	}

	/* The rest, and every blob of a small batch, go through libgit2's
	 * in-memory store into one pack with the trees and the commit. */
	if (s->mp == NULL && s->ar->store != ARCHIVE_STORE_LOOSE &&
	    start_pack(s) < 0)
		return -1;
	if (git_odb_write(&e->oid, s->odb, data, len, GIT_OBJECT_BLOB) < 0) {
		diag_err(s->d, &pos, "cannot write %s/%s into the archive: %s",
		    s->dir, e->path, git_error_last() ? git_error_last()->message
		    : "unknown error");
		return -1;
	}
	s->nblobs++;
	if (s->mp != NULL) {
		ARRAY_GROW(s->pend, s->npend, s->cappend);
		git_oid_cpy(&s->pend[s->npend++], &e->oid);
		s->pend_bytes += len;
		if (s->pend_bytes >= PACK_FLUSH_BYTES)
			return flush_pack(s, NULL, 0);
	}
	return 0;
}

static void
push_update(struct commit_scan *s, git_tree_update_t action,
    struct commit_ent *e)
{
	git_tree_update *u;

	ARRAY_GROW(s->upd, s->nupd, s->capupd);
	u = &s->upd[s->nupd++];
	u->action = action;
	git_oid_cpy(&u->id, &e->oid);
	u->filemode = (git_filemode_t)e->mode;
	u->path = e->path;
}

/* {==== scanning the directory ===== */

static int
read_fd(struct commit_scan *s, int fd, const char *rel)
{
	struct pos pos = { s->dir, 0 };
	ssize_t n;

	buf_reset(&s->data);
	for (;;) {
		buf_grow(&s->data, 65536);
		n = read(fd, s->data.data + s->data.len,
		    s->data.cap - s->data.len - 1);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			diag_err(s->d, &pos, "cannot read %s: %s", rel,
			    strerror(errno));
			return -1;
		}
		s->data.len += (size_t)n;
	}
	s->data.data[s->data.len] = '\0';
	return 0;
}

/* Looks at one regular file or symbolic link of the output. */
static int
scan_file(struct commit_scan *s, int dfd, const char *name, const char *rel,
    const struct stat *st)
{
	struct commit_ent *e = archive_ent_find(s, rel);
	unsigned mode = S_ISLNK(st->st_mode) ? GIT_FILEMODE_LINK :
	    (st->st_mode & S_IXUSR) ? GIT_FILEMODE_BLOB_EXECUTABLE :
	    GIT_FILEMODE_BLOB;
	XXH128_hash_t h;
	git_oid oid;
	int fd, isnew = e == NULL;

	progress_add(s->d->progress, 1);

	if (isnew)
		e = archive_ent_add(s, xstrdup(rel));
	e->seen = 1;
	if (strchr(rel, '\n') != NULL)
		s->cache_ok = 0;
	if (!isnew && e->has_stat && e->mode == mode &&
	    e->size == (uint64_t)st->st_size &&
	    e->mtime_s == (uint64_t)st->st_mtim.tv_sec &&
	    e->mtime_ns == (uint64_t)st->st_mtim.tv_nsec &&
	    e->ino == (uint64_t)st->st_ino)
		return 0;
	if (S_ISLNK(st->st_mode)) {
		buf_reset(&s->data);
		buf_grow(&s->data, (size_t)st->st_size + 1);
		if (readlinkat(dfd, name, s->data.data, s->data.cap) !=
		    st->st_size)
			goto fail;
		s->data.len = (size_t)st->st_size;
	} else {
		if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC))
		    == -1)
			goto fail;
		if (read_fd(s, fd, rel) < 0) {
			close(fd);
			return -1;
		}
		close(fd);
	}
	e->size = (uint64_t)st->st_size;
	e->mtime_s = (uint64_t)st->st_mtim.tv_sec;
	e->mtime_ns = (uint64_t)st->st_mtim.tv_nsec;
	e->ino = (uint64_t)st->st_ino;
	e->has_stat = s->data.len == e->size;
	h = XXH3_128bits(s->data.data, s->data.len);
	if (!isnew && e->has_hash && e->mode == mode &&
	    XXH128_isEqual(h, e->h))
		return 0;
	e->h = h;
	e->has_hash = 1;
	/* A new path is written at once (which hashes it); an old one is
	 * hashed first, so that an unchanged blob is never written. */
	if (!isnew && git_odb_hash(&oid, s->data.data, s->data.len,
	    GIT_OBJECT_BLOB) < 0)
		return archive_git_err(s->ar, s->d, "cannot hash a file");
	if (!isnew && e->mode == mode && git_oid_equal(&oid, &e->oid))
		return 0;
	e->mode = mode;
	if (write_blob(s, e, s->data.data, s->data.len) < 0)
		return -1;
	push_update(s, GIT_TREE_UPDATE_UPSERT, e);
	return 0;
fail:
	{
		struct pos pos = { s->dir, 0 };

		diag_err(s->d, &pos, "cannot read %s: %s", rel,
		    strerror(errno));
	}
	return -1;
}

static int
scan_dir(struct commit_scan *s, int dfd, const char *prefix)
{
	struct pos pos = { s->dir, 0 };
	struct strv names = STRV_INIT;
	struct buf rel = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *dp;
	size_t i;
	int fd, rc = -1;

	if ((dp = fdopendir(dfd)) == NULL) {
		close(dfd);
		diag_err(s->d, &pos, "cannot read %s: %s",
		    *prefix ? prefix : ".", strerror(errno));
		return -1;
	}
	/* The first byte of each name says whether readdir() knew it for a
	 * directory, which spares a stat per directory. */
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		buf_reset(&rel);
		buf_putc(&rel, de->d_type == DT_DIR ? 'd' : 'f');
		buf_puts(&rel, de->d_name);
		strv_push(&names, rel.data);
	}
	strv_sort(&names);
	for (i = 0; i < names.n; i++) {
		buf_reset(&rel);
		buf_printf(&rel, "%s%s", prefix, names.v[i] + 1);
		memset(&st, 0, sizeof(st));
		if (names.v[i][0] == 'd')
			st.st_mode = S_IFDIR;
		else if (fstatat(dirfd(dp), names.v[i] + 1, &st,
		    AT_SYMLINK_NOFOLLOW) == -1) {
			diag_err(s->d, &pos, "cannot read %s: %s", rel.data,
			    strerror(errno));
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			fd = openat(dirfd(dp), names.v[i] + 1,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			BUF_PUTSL(&rel, "/");
			if (fd == -1 || scan_dir(s, fd, rel.data) < 0) {
				if (fd == -1)
					diag_err(s->d, &pos, "cannot read %s: %s",
					    rel.data, strerror(errno));
				goto out;
			}
		} else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
			if (scan_file(s, dirfd(dp), names.v[i] + 1, rel.data,
			    &st) < 0)
				goto out;
		} else
			diag_warn(s->d, &pos, "%s is not a file; not archived",
			    rel.data);
	}
	rc = 0;
out:
	closedir(dp);
	strv_dispose(&names);
	buf_dispose(&rel);
	return rc;
}

/* {==== the commit ===== */

static void
scan_dispose(struct commit_scan *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].path);
	free(s->v);
	map_dispose(&s->map);
	free(s->pend);
	free(s->upd);
	buf_dispose(&s->data);
}

/* Collects the trees of the new commit that are still in the mempack. */
static int
pending_tree_cb(const char *root, const git_tree_entry *te, void *payload)
{
	struct commit_scan *s = payload;
	const git_oid *id = git_tree_entry_id(te);

	(void)root;
	if (git_tree_entry_type(te) != GIT_OBJECT_TREE)
		return 0;
	if (!s->mp->exists(s->mp, id))
		return 1;	/* an old subtree: nothing new below it */
	ARRAY_GROW(s->pend, s->npend, s->cappend);
	git_oid_cpy(&s->pend[s->npend++], id);
	return 0;
}

static int
flush_all(struct commit_scan *s, git_tree *tree, const git_oid *commit)
{
	git_oid extra[2];

	if (s->mp == NULL)
		return 0;
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, pending_tree_cb, s) < 0)
		return archive_git_err(s->ar, s->d, "cannot write a pack");
	git_oid_cpy(&extra[0], git_tree_id(tree));
	git_oid_cpy(&extra[1], commit);
	return flush_pack(s, extra, 2);
}

static int
cmp_upd(const void *a, const void *b)
{
	return strcmp(((const git_tree_update *)a)->path,
	    ((const git_tree_update *)b)->path);
}

/* Moves the branch from parent (NULL: none yet) to id, or reports why
 * not; the compare-and-swap keeps a concurrent writer's commit. */
static int
move_branch(struct archive *ar, struct diag *d, const git_oid *parent,
    const git_oid *id, const char *msg)
{
	struct pos pos = { ar->path, 0 };
	git_reference *ref = NULL;
	char want[GIT_OID_HEXSZ + 1] = "(none)", got[GIT_OID_HEXSZ + 1];
	git_oid now;
	int rc;

	if (ar->before_ref != NULL)
		ar->before_ref(ar->before_ref_arg);
	rc = git_reference_create_matching(&ref, ar->repo, ar->refname, id,
	    parent != NULL, parent, msg);
	git_reference_free(ref);
	if (rc == 0)
		return 0;
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
		if (parent != NULL)
			git_oid_tostr(want, sizeof(want), parent);
		if (git_reference_name_to_id(&now, ar->repo, ar->refname) == 0)
			git_oid_tostr(got, sizeof(got), &now);
		else
			snprintf(got, sizeof(got), "(none)");
		diag_err(d, &pos, "branch moved underneath us (expected %s, "
		    "found %s); nothing was overwritten, build again", want,
		    got);
		return -1;
	}
	return archive_git_err(ar, d, "cannot move the archive branch");
}

static int
make_commit(git_oid *out, struct commit_scan *s, git_commit *parent,
    const git_oid *treeid, const struct archive_sig *sig, long long when)
{
	git_signature *who = NULL;
	git_tree *tree = NULL, *old = NULL;
	const git_commit *parents[1];
	char *msg = NULL;
	int rc = -1;

	if (git_tree_lookup(&tree, s->ar->repo, treeid) < 0) {
		archive_git_err(s->ar, s->d, "cannot read the new tree");
		goto out;
	}
	if (parent != NULL && git_commit_tree(&old, parent) < 0) {
		archive_corrupt(s->ar, s->d, git_commit_tree_id(parent));
		goto out;
	}
	msg = archive_message(s->ar, old, tree, s->nupd);
	if (git_signature_new(&who, sig->name, sig->email, (git_time_t)when,
	    0) < 0) {
		archive_git_err(s->ar, s->d, "invalid author");
		goto out;
	}
	parents[0] = parent;
	if (git_commit_create(out, s->ar->repo, NULL, who, who, NULL, msg,
	    tree, parent != NULL, parents) < 0) {
		archive_git_err(s->ar, s->d, "cannot write the commit");
		goto out;
	}
	rc = flush_all(s, tree, out);
out:
	git_signature_free(who);
	git_tree_free(old);
	git_tree_free(tree);
	free(msg);
	return rc;
}

/* Reads the parent's files into the map: from the cache when it
 * describes the parent's tree, else from the tree itself. */
static int
load_parent(struct commit_scan *s, git_commit *parent, git_tree **tree)
{
	if (git_commit_tree(tree, parent) < 0)
		return archive_corrupt(s->ar, s->d, git_commit_tree_id(parent));
	if (archive_cache_load(s, git_tree_id(*tree)))
		return 0;
	if (git_tree_walk(*tree, GIT_TREEWALK_PRE, archive_cache_tree_cb, s) < 0) {
		archive_cache_clear(s);
		return archive_corrupt(s->ar, s->d, git_tree_id(*tree));
	}
	return 0;
}

static int
scan_output(struct commit_scan *s)
{
	struct pos pos = { s->dir, 0 };
	size_t i, n;
	int fd;

	if ((fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		diag_err(s->d, &pos, "cannot read the output: %s",
		    strerror(errno));
		return -1;
	}
	if (scan_dir(s, fd, "") < 0)
		return -1;
	for (i = 0, n = s->n; i < n; i++)
		if (!s->v[i].seen)
			push_update(s, GIT_TREE_UPDATE_REMOVE, &s->v[i]);
	sort_array(s->upd, s->nupd, sizeof(*s->upd), cmp_upd);
	return 0;
}

/* Reads only the paths that ch lists (outdir.h), into updates. */
static int
scan_changes(struct commit_scan *s, const struct outdir_changes *ch)
{
	struct pos pos = { s->dir, 0 };
	struct stat st;
	const char *rel;
	size_t i;
	int fd, rc = 0;

	if ((fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		diag_err(s->d, &pos, "cannot read the output: %s",
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < ch->paths.n && rc == 0; i++) {
		rel = ch->paths.v[i] + 1;
		if (ch->paths.v[i][0] == '-') {
			push_update(s, GIT_TREE_UPDATE_REMOVE,
			    archive_ent_add(s, xstrdup(rel)));
			continue;
		}
		if (fstatat(fd, rel, &st, AT_SYMLINK_NOFOLLOW) == -1) {
			diag_err(s->d, &pos, "cannot read %s: %s", rel,
			    strerror(errno));
			rc = -1;
		} else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
			rc = scan_file(s, fd, rel, rel, &st);
		else
			diag_warn(s->d, &pos, "%s is not a file; not archived",
			    rel);
	}
	close(fd);
	sort_array(s->upd, s->nupd, sizeof(*s->upd), cmp_upd);
	return rc;
}

int
archive_commit(int *out, struct archive *ar, struct diag *d,
    const char *dir, const struct archive_sig *sig, long long when)
{
	return archive_commit_changes(out, ar, d, dir, NULL, NULL, sig, when);
}

int
archive_commit_changes(int *out, struct archive *ar, struct diag *d,
    const char *dir, const struct outdir_changes *changes, int *fast,
    const struct archive_sig *sig, long long when)
{
	struct commit_scan s;
	struct timespec began;
	git_commit *parent = NULL;
	git_tree *ptree = NULL;
	git_oid treeid, cid;
	size_t merged;
	int rc = -1, quick = 0, stamped = 0, err;

	memset(&s, 0, sizeof(s));
	s.ar = ar;
	s.d = d;
	s.dir = dir;
	s.cache_ok = 1;
	s.stamp = time(NULL);
	s.data = (struct buf)BUF_INIT;
	s.mp = ar->mp;
	if (git_repository_odb(&s.odb, ar->repo) < 0) {
		archive_git_err(ar, d, "cannot open the object database");
		goto out;
	}
	if (archive_tip(&parent, ar, d) < 0)
		goto out;
	s.first = parent == NULL;
	quick = parent != NULL && archive_stamp_trusts(&s, git_commit_tree_id(parent),
	    changes);
	stamped = archive_stamp_begin(&s, &began);
	if (quick) {
		/* The cache describes the parent's tree only: it is
		 * dropped, and a later full scan hashes every file. */
		s.cache_ok = 0;
		if (git_commit_tree(&ptree, parent) < 0) {
			archive_corrupt(ar, d, git_commit_tree_id(parent));
			goto out;
		}
		s.ptree = ptree;
		if (scan_changes(&s, changes) < 0)
			goto out;
	} else if ((parent != NULL && load_parent(&s, parent, &ptree) < 0) ||
	    scan_output(&s) < 0)
		goto out;
	if (ptree != NULL && s.nupd == 0) {
		git_oid_cpy(&treeid, git_tree_id(ptree));
		goto unchanged;
	}
	/* The chain pack and a large batch's pack in place first; the
	 * trees and the commit follow the other blobs through memory. */
	if (s.ch != NULL && (archive_chain_finish(s.ch) < 0 ||
	    git_odb_refresh(s.odb) < 0)) {
		struct pos pos = { ar->path, 0 };

		diag_err(d, &pos, "cannot write a pack: %s", strerror(errno));
		goto out;
	}
	if (s.pk != NULL) {
		if (archive_pack_finish(s.pk) < 0 ||
		    git_odb_refresh(s.odb) < 0) {
			struct pos pos = { ar->path, 0 };

			diag_err(d, &pos, "cannot write a pack: %s",
			    strerror(errno));
			goto out;
		}
	}
	/* The trees and the commit go into the pack made through memory,
	 * also when no blob did (a build that only removed pages). */
	if (s.mp == NULL && ar->store != ARCHIVE_STORE_LOOSE &&
	    start_pack(&s) < 0)
		goto out;
	/* Each blob the trees name was written above or is the parent's:
	 * libgit2's check that it exists would read its header from the
	 * pack, which maps every page of a first build's pack into memory
	 * (a gigabyte at 100,000 articles) and keeps it there. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
	err = git_tree_create_updated(&treeid, ar->repo, ptree, s.nupd,
	    s.upd);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
	if (err < 0) {
		archive_git_err(ar, d, "cannot build the tree");
		goto out;
	}
	if (ptree != NULL && git_oid_equal(&treeid, git_tree_id(ptree)))
		goto unchanged;
	if (make_commit(&cid, &s, parent, &treeid, sig, when) < 0)
		goto out;
	if (move_branch(ar, d, parent ? git_commit_id(parent) : NULL, &cid,
	    "morgue build") < 0)
		goto out;
	*out = 1;
	/* The commit is in: a failed merge of packs only warns. */
	if (ar->store == ARCHIVE_STORE_AUTO &&
	    archive_repack(ar, d, &merged) == 0 && merged > 0)
		(void)git_odb_refresh(s.odb);
	rc = archive_cache_save(&s, &treeid);
	archive_stamp_save(&s, &treeid, stamped ? &began : NULL);
	goto out;
unchanged:
	*out = 0;
	rc = archive_cache_save(&s, &treeid);
	archive_stamp_save(&s, &treeid, stamped ? &began : NULL);
out:
	if (rc < 0)
		archive_stamp_save(&s, NULL, NULL);
	if (fast != NULL)
		*fast = quick;
	if (s.mp != NULL && ar->mp == NULL)
		ar->mp = s.mp;
	if (s.mp != NULL && rc < 0)
		git_mempack_reset(s.mp);
	git_tree_free(ptree);
	git_commit_free(parent);
	git_odb_free(s.odb);
	archive_pack_free(s.pk);
	archive_chain_free(s.ch);
	scan_dispose(&s);
	return rc;
}
