/*
 * outdir.h: writing the output directory as one atomic replacement.
 *
 * A build writes into a fresh directory beside the output one
 * ("public.tmp-PID"), then swaps it in with one rename, so that a reader (or a
 * web server) sees the old site or the new one, never a mixture, and a build
 * that fails leaves the old site as it was. Nothing is ever written into the
 * old directory: a symlink planted there (public/x -> ~/.bashrc) is removed as
 * a link, and its target is not touched (a symbolic link planted in the output
 * is never followed). When the new tree equals the old one byte for byte, the
 * old one is kept as it is, so that a rebuild with no change touches no file
 * (an unchanged rebuild leaves the output as it was); otherwise the new tree
 * takes over, by hard links, the old files that did not change, so that they
 * keep their inode and mtime and readers that trust stat data look only at what
 * changed.
 */
#ifndef MORGUE_OUTDIR_H
#define MORGUE_OUTDIR_H

#include <sys/types.h>

#include <stddef.h>
#include <time.h>

#include <xxhash.h>

#include "core/buf.h"
#include "core/diag.h"

/*
 * What replacing the output changed, for the archive's commit to read
 * only that (archive_commit_changes()). paths holds "+REL" for each file
 * written anew (added or changed) and "-REL" for each file or directory
 * of the old output that is gone (a directory: with all below it).
 * known is 0 when the list may be incomplete (no old output, an entry
 * that could not be read, a file that became a directory): the commit
 * must then look at everything. newest is the latest change time (ctime,
 * which no user can set back) of the old entries that the list takes as
 * they were: a hand edit of the old output shows there. dev and ino
 * name the old output directory, so that the commit can tell it is the
 * one it committed last.
 */
struct outdir_changes {
	struct strv	 paths;
	int		 known;
	struct timespec	 newest;
	dev_t		 dev;		/* the old output directory itself */
	ino_t		 ino;
};

struct outdir_cache;

struct outdir {
	char	*path;		/* the output directory, as configured */
	char	*tmp;		/* the directory being written */
	struct outdir_changes *changes;	/* filled by outdir_commit() when
					   not NULL */
	struct outdir_cache *cache;	/* owned; NULL: no manifest */
	char	*lastdir;	/* the directory made last, below tmp */
};

/* The file that marks a directory as an output morgue made: only such a
 * directory (or an empty one) is ever replaced, and so deleted. */
#define OUTDIR_MARKER	".morgue-output"

/*
 * Creates the temporary directory beside path, with the marker in it,
 * first removing those that builds no longer running left behind (when
 * they hold the marker). Refuses (-1) when path is a directory that
 * holds neither the marker nor nothing. Fills *out (dispose with
 * outdir_dispose()). Returns 0, or -1 after reporting.
 */
int	outdir_begin(struct outdir *out, struct diag *d, const char *path);

/*
 * Writes len bytes as the file rel (a relative path such as
 * "articles/2025/03/14/x/index.md") below the temporary directory,
 * creating the directories above it. Files are 0644 and directories 0755
 * whatever the umask, so that the tree is the same on every machine.
 * Returns 0, or -1 after reporting.
 */
int	outdir_write(struct outdir *o, struct diag *d, const char *rel,
	    const char *data, size_t len);
/* outdir_write() of a file with its key (NULL: none), a hash of all it
 * was made from, which the manifest keeps with its bytes. */
int	outdir_write_key(struct outdir *o, struct diag *d, const char *rel,
	    const char *data, size_t len, const XXH128_hash_t *key);
/* 1 when the output is trusted and holds rel as a build wrote it with
 * key: the file is then kept as it is, as if written with the same
 * bytes; else 0, and the caller makes and writes the file. */
int	outdir_keep(struct outdir *o, const char *rel, const XXH128_hash_t *key);

/*
 * Puts the temporary directory in place of the output one, or drops it
 * when both trees are identical. *changed (may be NULL) says which.
 * Returns 0, or -1 after reporting (the old output is then intact).
 */
int	outdir_commit(struct outdir *o, struct diag *d, int *changed);

/*
 * Writing only what changed (outdir_cache.c). outdir_cache_open() reads
 * the manifest file (the output as the last build left it: each entry's
 * stat data and content hash) unless full is set, and checks the output
 * directory outpath against it: when every entry is as listed and no
 * journal of a killed build is left, the cache is trusted, and
 * outdir_write() then writes a file only when its bytes differ from the
 * output's, outdir_commit() renames the written files into place (after
 * a journal naming them) and removes those no page wrote. Otherwise the
 * whole tree is written and swapped in as usual, and the manifest made
 * anew. Set o->cache to the result after outdir_begin().
 */
struct outdir_cache *outdir_cache_open(const char *file, const char *outpath,
	    int full);
int	outdir_cache_trusted(const struct outdir_cache *c);
/* Notes the page rel with its bytes and key (may be NULL); 1 when the
 * trusted output already has those bytes (nothing to write), else 0. */
int	outdir_cache_keep(struct outdir_cache *c, const char *rel,
	    const char *data, size_t len, const XXH128_hash_t *key);
/* outdir_keep(): 1 when the trusted output has rel made with key. */
int	outdir_cache_has(struct outdir_cache *c, const char *rel,
	    const XXH128_hash_t *key);
/* Puts the written files of tmppath in place in outpath, removes what
 * no page wrote, fills ch (may be NULL) and *changed, and saves the
 * manifest. Returns 0 or -1 (the journal then stays). */
int	outdir_cache_apply(struct outdir_cache *c, const char *outpath,
	    const char *tmppath, struct outdir_changes *ch, int *changed);
/* Saves the manifest of outpath, a tree just swapped in whole. */
int	outdir_cache_rebuilt(struct outdir_cache *c, const char *outpath);
void	outdir_cache_free(struct outdir_cache *c);

/* Frees the list of c (not c itself). */
void	outdir_changes_dispose(struct outdir_changes *c);

/* 1 when nothing a build leaves while it runs (path.tmp-PID,
 * path.old-PID) lies beside path, else 0. */
int	outdir_settled(const char *path);

/* Removes the temporary directory (if still there) and frees o's fields. */
void	outdir_dispose(struct outdir *o);

/* Removes path and everything below it without following any symlink.
 * Returns 0 or -1 (errno set); a missing path is not an error. */
int	outdir_remove_tree(const char *path);

/* Whether the trees at a and b hold the same names, types and bytes. */
int	outdir_same_tree(const char *a, const char *b);

#endif
