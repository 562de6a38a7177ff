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

struct outdir {
	char	*path;		/* the output directory, as configured */
	char	*tmp;		/* the directory being written */
	struct outdir_changes *changes;	/* filled by outdir_commit() when
					   not NULL */
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

/*
 * Puts the temporary directory in place of the output one, or drops it
 * when both trees are identical. *changed (may be NULL) says which.
 * Returns 0, or -1 after reporting (the old output is then intact).
 */
int	outdir_commit(struct outdir *o, struct diag *d, int *changed);

/* Frees the list of c (not c itself). */
void	outdir_changes_dispose(struct outdir_changes *c);

/* Removes the temporary directory (if still there) and frees o's fields. */
void	outdir_dispose(struct outdir *o);

/* Removes path and everything below it without following any symlink.
 * Returns 0 or -1 (errno set); a missing path is not an error. */
int	outdir_remove_tree(const char *path);

/* Whether the trees at a and b hold the same names, types and bytes. */
int	outdir_same_tree(const char *a, const char *b);

#endif
