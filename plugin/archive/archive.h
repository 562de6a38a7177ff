/*
 * archive.h: the site's history in git, through libgit2: one commit per
 * build that changed the output.
 *
 * Every build that changes the output directory makes one commit on the
 * archive branch of a bare repository; the commit's tree is exactly the
 * output directory. Trees are built in memory from blobs (no index, no
 * working directory), reusing the parent's unchanged subtrees, and the
 * branch moves by compare-and-swap, so a killed build leaves either the
 * old or the new commit. A lock file inside the repository serialises
 * builds. From the history the module reads back the published
 * permalinks (so that URLs never move), every article's revisions with a
 * word-level diff, and the latest builds' changes.
 *
 * Errors are reported once to the struct diag passed in, as
 * `REPO: error: message`; functions return 0 on success and -1 on error
 * unless they say otherwise. Nothing here prints on its own.
 */
#ifndef MORGUE_ARCHIVE_H
#define MORGUE_ARCHIVE_H

#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* Returned by archive_lock() when another build holds the lock. */
#define ARCHIVE_ELOCKED	(-2)

struct archive;
struct archive_lock;

/* Author and committer of the archive's commits (site.conf). */
struct archive_sig {
	const char	*name;
	const char	*email;
};

/*
 * How new objects are written. AUTO writes a large batch's blobs (a
 * first build, a full rebuild) into a pack of morgue's own, large files
 * that change a little as deltas into the chain pack, and the rest (all
 * of a small batch) with the trees and the commit through memory into
 * one pack; after the commit, small packs are merged geometrically
 * (archive_repack()). See tests/bench/bench_archive.sh for the figures
 * behind the choice. LOOSE is libgit2's own loose writing (an fsync per
 * object); PACK packs every batch through memory.
 */
enum archive_store {
	ARCHIVE_STORE_AUTO,
	ARCHIVE_STORE_LOOSE,
	ARCHIVE_STORE_PACK
};

/*
 * Takes the build lock of the archive at repo_path: the file
 * REPO/morgue.lock (the directory is created if missing), held with
 * flock(2) so that a killed holder's lock is released by the kernel; the
 * file records the holder's pid. When another build holds it: with wait,
 * blocks until it is free; without, reports "another build is running
 * (pid N)" and returns ARCHIVE_ELOCKED (exit 4). A pid left in the file by
 * a killed build is reported as a warning and cleared, and so are stale
 * git lock files (refs/heads/BRANCH.lock, packed-refs.lock, HEAD.lock)
 * that a build killed during a ref update leaves behind: only a holder of
 * our lock can be sure that nobody else is writing them.
 * *out is freed with archive_unlock().
 */
int	archive_lock(struct archive_lock **out, struct diag *d,
	    const char *repo_path, int wait);
/* Releases the lock (NULL is allowed). */
void	archive_unlock(struct archive_lock *l);

/*
 * Opens the bare repository at repo_path, creating it on first use with
 * HEAD pointing at refs/heads/BRANCH (so that clones check it out).
 * branch is a branch name such as "archive". *out is freed with
 * archive_free().
 */
int	archive_open(struct archive **out, struct diag *d,
	    const char *repo_path, const char *branch);
void	archive_free(struct archive *ar);
void	archive_set_store(struct archive *ar, enum archive_store store);

/*
 * Commits the directory dir on the branch when its content differs from
 * the branch's last commit; *out is 1 when a commit was made, 0 when the
 * tree was unchanged. The commit's author and committer are sig, dated
 * when (seconds since the epoch, UTC): the build passes SOURCE_DATE_EPOCH
 * when it is set and the clock otherwise (archive_build_time()). The
 * message gives the counts and titles of the articles added, changed and
 * removed, found by comparing the old and new articles.json. Fails with
 * "branch moved underneath us (expected A, found B)" when the branch no
 * longer points where it did when the commit began, and with "repository
 * corrupt: ..." when the last commit cannot be read; in both cases the
 * branch is left as it was. The caller should hold archive_lock().
 */
int	archive_commit(int *out, struct archive *ar, struct diag *d,
	    const char *dir, const struct archive_sig *sig, long long when);

struct outdir_changes;

/*
 * archive_commit() told what the build changed in dir (outdir.h): when
 * the list is complete and the old output was exactly the tree of the
 * branch's last commit, only the listed paths are read and the parent's
 * tree is updated along them, every other subtree kept by id unread.
 * Whether it was, a stamp beside the repository's objects tells
 * (REPO/morgue-output: the tree each successful commit left the output
 * as, and by its change time, when): the branch must still point at
 * that tree and no entry of the old output the list relies on may have
 * changed since. Otherwise (changes NULL, first commit, branch moved, a
 * killed or --no-commit build, output edited by hand) every file is
 * looked at, as archive_commit() does. *fast (may be NULL) says which.
 */
int	archive_commit_changes(int *out, struct archive *ar, struct diag *d,
	    const char *dir, const struct outdir_changes *changes, int *fast,
	    const struct archive_sig *sig, long long when);

/*
 * The time of a build: SOURCE_DATE_EPOCH when it is set (it must be a
 * decimal integer from 0 to 253402300799, else "invalid
 * SOURCE_DATE_EPOCH: VALUE" is reported and -1 returned; an empty value
 * counts as unset), else the clock. *out is seconds since the epoch.
 */
int	archive_build_time(long long *out, struct diag *d);

/* Writes the hex id of the branch's last commit into out (41 bytes), or
 * "" when the branch has no commit yet. */
int	archive_head(char out[41], struct archive *ar, struct diag *d);

/* {==== permalink memory: a published permalink never changes ===== */

/* An article as the last commit's articles.json records it. */
struct archive_page {
	char	*path;		/* the source file, relative to content/ */
	char	*permalink;	/* "articles/2021/12/01/slug/" */
	char	*title;
};

/*
 * Reads the articles.json of the branch's last commit into *out (n pages,
 * sorted by path; none when there is no commit yet). The pipeline keeps
 * the permalink of every path found here. Free with archive_pages_free().
 */
int	archive_pages(struct archive_page **out, size_t *n, struct archive *ar,
	    struct diag *d);
void	archive_pages_free(struct archive_page *v, size_t n);
/* Finds path in v (sorted by path), or NULL. */
const struct archive_page *archive_pages_find(const struct archive_page *v,
	    size_t n, const char *path);

/* {==== revisions and history ===== */

/* One archived version of an article's Markdown page (index.md). */
struct archive_rev {
	long long	 time;		/* commit time, seconds since the epoch */
	char		 id[41];	/* the commit that archived it */
	char		*text;		/* the whole index.md */
	size_t		 len;
};

/*
 * The versions of the article at permalink, oldest first: each commit on
 * the branch's first-parent history where the body or the title of
 * permalink/index.md differs from its previous version (a change of the
 * front matter alone, such as a new related story, is not a revision).
 * Free with archive_revs_free().
 */
int	archive_revisions(struct archive_rev **out, size_t *n,
	    struct archive *ar, struct diag *d, const char *permalink);
void	archive_revs_free(struct archive_rev *v, size_t n);

/*
 * Appends to out a readable word-level diff from the Markdown page a to b
 * (their titles, then their bodies; a may be empty for a first
 * version). With html, the text is HTML-escaped and removed words are in
 * <del>, added ones in <ins>; without, they read [-old-] and {+new+} as
 * in `git diff --word-diff`. Unchanged runs are kept as context around
 * the changes and elided with " … " beyond. Returns the number of words
 * removed and added.
 */
size_t	archive_word_diff(struct buf *out, const char *a, size_t alen,
	    const char *b, size_t blen, int html);

/* Titles read per list of a change; those beyond are left empty. */
#define ARCHIVE_TITLES	100

/* What one build changed: the articles it added and corrected. */
struct archive_change {
	long long	 time;
	char		 id[41];
	struct strv	 added;		/* permalinks */
	struct strv	 changed;	/* permalinks whose text changed */
	struct strv	 removed;
	struct strv	 added_titles;	/* the titles, index for index */
	struct strv	 changed_titles;
	struct strv	 removed_titles;
};

/*
 * The latest builds, newest first, that added, changed or removed an
 * article (at most max of them). Free with archive_changes_free().
 */
int	archive_changes(struct archive_change **out, size_t *n,
	    struct archive *ar, struct diag *d, size_t max);
void	archive_changes_free(struct archive_change *v, size_t n);

/* {==== the history of the articles, read once per build ===== */

/* A page of the build in progress: an article's Markdown page. */
struct archive_page_text {
	const char	*permalink;	/* "articles/2021/12/01/slug/" */
	/* The whole index.md; or NULL, with blob its git blob id (raw
	 * SHA-1): the history then has the text made when it needs it
	 * (archive_page_maker), so that a big build does not hold every
	 * page at once. */
	const char	*text;
	size_t		 len;
	unsigned char	 blob[20];
};

/* Makes anew the text of pages[i] given without one: a string the
 * caller frees, *len its length. */
typedef char	*(*archive_page_maker)(void *arg, size_t i, size_t *len);

struct archive_history;

/*
 * Reads, in one pass over the branch's first-parent history, which
 * builds wrote a new version of which article's page (PERMALINK/
 * index.md), comparing each commit's tree with its parent's and skipping
 * the subtrees they share, so that the cost follows the changes, not the
 * size of the archive. pages (n of them; borrowed until
 * archive_history_free()) are the build in progress: a page whose text
 * differs from the archived one, and an archived article missing from
 * pages, count as a pending build dated now, which the build's commit
 * will make real (same time, same texts), so that what a site shows of
 * its history does not change when it is rebuilt. make(make_arg, i, ...)
 * gives the text of a page given without one (may be NULL when all
 * have theirs).
 */
int	archive_history_load(struct archive_history **out, struct archive *ar,
	    struct diag *d, const struct archive_page_text *pages, size_t n,
	    long long now, archive_page_maker make, void *make_arg);
void	archive_history_free(struct archive_history *h);

/*
 * The revisions of pages[i], oldest first, as archive_revisions() gives
 * them, the pending one last (its id is ""), since the page last
 * appeared: the versions before a build that removed it belong to a
 * removed article, never to the one there now. The text of a revision is
 * NULL when it was not needed: the only version of a page.
 */
int	archive_history_revisions(struct archive_rev **out, size_t *n,
	    struct archive_history *h, struct diag *d, size_t i);

/*
 * The latest builds (the pending one first, id "") that added, changed
 * (title or body) or removed articles, newest first, at most max; titles
 * are read from each version's page. Free with archive_changes_free().
 */
int	archive_history_changes(struct archive_change **out, size_t *n,
	    struct archive_history *h, struct diag *d, size_t max);

/* The title of a Markdown page (its front matter's title), or NULL.
 * Caller frees. */
char	*archive_page_title(const char *text, size_t len);

struct conf;

/*
 * archive_log.c: opens the archive of the site in dir for `morgue log`
 * and `publish`: reads dir/site.conf (the defaults without one) into
 * *conf, which the caller frees with conf_free() (NULL when it failed),
 * and opens its archive.repo on archive.branch, which must exist
 * already. Returns 0 or -1 (reported).
 */
int	archive_open_site(struct archive **out, struct conf **conf,
	    struct diag *d, const char *dir);

/* Prints the branch's history to f, newest first: each commit, its date
 * and message. Returns 0 or -1 (reported). */
int	archive_log(FILE *f, struct archive *ar, struct diag *d);

/* Prints to f the revisions of the article arg names (a permalink, a
 * page path under it, or its source path), each with what changed,
 * word by word. Returns 0, or -1 (reported) when there is none. */
int	archive_log_article(FILE *f, struct archive *ar, struct diag *d,
	    const char *arg);

/*
 * archive_push.c: pushes the branch to remote (a path, a file://, ssh
 * or https URL, or a remote of the repository), or when remote is NULL
 * to each of conf's archive.remotes (onto the branch each names), or
 * when that list is empty to every remote of the repository; every
 * remote is tried and reported on its own line (to o->out when it
 * succeeds, to d when it fails). A remote that moved on is refused;
 * with ARCHIVE_FORCE it is replaced only when its head is what the last
 * successful publish there left (recorded in refs/remotes/NAME/BRANCH).
 * ARCHIVE_DRY_RUN reads the remotes and says what would be pushed, and
 * sends nothing. ARCHIVE_ACCEPT_NEW_HOST records the key of an SSH host
 * that ~/.ssh/known_hosts does not list (a changed key is always
 * refused). Returns 0, or -1 when any push failed or was rejected.
 */
#define ARCHIVE_DRY_RUN		1
#define ARCHIVE_FORCE		2
#define ARCHIVE_ACCEPT_NEW_HOST	4

struct archive_publish_opts {
	int		 flags;
	const char	*site_dir;	/* where relative key files are */
	FILE		*out;
};

int	archive_publish(struct archive *ar, const struct conf *conf,
	    struct diag *d, const char *remote,
	    const struct archive_publish_opts *o);

#endif
