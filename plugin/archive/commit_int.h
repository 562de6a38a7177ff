/*
 * commit_int.h: what the files of one archive commit share
 * (archive_commit.c the commit, archive_cache.c the path map and the
 * cache of stat data and hashes, archive_stamp.c the output's stamp);
 * not for other modules.
 */
#ifndef MORGUE_COMMIT_INT_H
#define MORGUE_COMMIT_INT_H

#include <stdint.h>
#include <time.h>
#include <xxhash.h>

#include "archive/archive_impl.h"
#include "core/buf.h"
#include "core/map.h"

struct outdir_changes;

/* A file of the output or of the parent's tree. */
struct commit_ent {
	char		*path;
	git_oid		 oid;
	uint64_t	 size, mtime_s, mtime_ns, ino;
	XXH128_hash_t	 h;
	unsigned	 mode;		/* git's filemode */
	unsigned char	 has_stat, has_hash, seen;
};

struct commit_scan {
	struct archive	*ar;
	struct diag	*d;
	const char	*dir;
	struct commit_ent	*v;
	size_t		 n, cap;
	struct map	 map;		/* path -> index into v */
	git_odb		*odb;
	git_odb_backend	*mp;		/* the mempack once packing */
	struct archive_pack *pk;	/* a large batch's blobs */
	struct archive_chain *ch;	/* large blobs, as deltas */
	git_tree	*ptree;		/* the parent's tree, when the map lacks it */
	int		 first;		/* no parent: every file is new */
	git_oid		*pend;		/* blobs in the mempack */
	size_t		 npend, cappend, pend_bytes;
	git_tree_update	*upd;
	size_t		 nupd, capupd;
	size_t		 nblobs;	/* blobs written */
	time_t		 stamp;		/* when the scan began */
	int		 cache_ok;	/* every path can go in the cache */
	struct buf	 data;
};

/* The path map of a scan: the entry of path, or NULL. */
struct commit_ent *archive_ent_find(const struct commit_scan *s,
	    const char *path);
/* Adds path (taken over), which must not be in the map yet. */
struct commit_ent *archive_ent_add(struct commit_scan *s, char *path);

/*
 * The cache (REPO/morgue-cache) of the tree of the branch's last
 * commit: archive_cache_load() fills the map when the cache describes
 * tree and returns 1 (else 0, the map left empty); archive_cache_save()
 * writes the entries seen for tree (or removes the cache when the scan
 * says it cannot hold every path) and returns 0: the cache only saves
 * time. archive_cache_clear() empties the map. Without a cache,
 * archive_cache_tree_cb() walks the parent's tree into the map.
 */
int	 archive_cache_load(struct commit_scan *s, const git_oid *tree);
int	 archive_cache_save(struct commit_scan *s, const git_oid *tree);
void	 archive_cache_clear(struct commit_scan *s);
int	 archive_cache_tree_cb(const char *root, const git_tree_entry *te,
	    void *payload);

/*
 * The output's stamp (REPO/morgue-output): archive_stamp_begin() marks
 * when this commit began in *t (0 when it cannot tell);
 * archive_stamp_trusts() says whether ch is the whole change from tree;
 * archive_stamp_save() records the output as tree as of t, or forgets
 * the stamp when t is NULL.
 */
int	 archive_stamp_begin(struct commit_scan *s, struct timespec *t);
int	 archive_stamp_trusts(struct commit_scan *s, const git_oid *tree,
	    const struct outdir_changes *ch);
void	 archive_stamp_save(struct commit_scan *s, const git_oid *tree,
	    const struct timespec *t);

#endif
