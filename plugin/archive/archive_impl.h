/*
 * archive_impl.h: what the archive_*.c files share; not for other
 * modules, which use archive.h.
 */
#ifndef MORGUE_ARCHIVE_IMPL_H
#define MORGUE_ARCHIVE_IMPL_H

#include <sys/types.h>

#include <git2.h>

#include "archive/archive.h"

struct archive {
	git_repository		*repo;
	char			*path;
	char			*branch;
	char			*refname;	/* "refs/heads/BRANCH" */
	enum archive_store	 store;
	git_odb_backend		*mp;	/* owned by the odb; once there,
					   every write goes to it */
	/* Called just before the branch moves (tests race it there). */
	void			(*before_ref)(void *);
	void			*before_ref_arg;
};

struct conf;

/*
 * archive_auth.c: the credentials and the checks of the host of one
 * push. archive_auth_init() fills a for url (key: an SSH key file, or
 * NULL for ssh-agent) and sets libgit2's CA store to the CA git would
 * trust; -1 with a libgit2 error when that CA cannot be read.
 * archive_auth_callbacks() sets cb's credential and certificate
 * callbacks (and payload: a, whose owner the caller may set).
 * archive_auth_done() tells git's credential helper whether its
 * credential worked (ok) or was refused. archive_auth_dispose() frees.
 */
struct archive_auth {
	const char	*url;		/* borrowed */
	const char	*key;		/* borrowed, or NULL */
	int		 accept_new_host;
	int		 port;		/* of an ssh URL */
	char		*ca;		/* owned: the CA file, or NULL */
	const char	*ca_from;	/* "GIT_SSL_CAINFO", "http.sslCAInfo" */
	int		 ssh_tries, pass_tries;
	char		*user, *pass;	/* owned: the helper's credential */
	int		 from_helper;
	int		 refused;	/* a credential was refused */
	void		*owner;		/* the caller's, for its callbacks */
};

int	archive_auth_init(struct archive_auth *a, git_repository *repo,
	    const char *url, const char *key, int accept_new_host);
void	archive_auth_callbacks(git_remote_callbacks *cb,
	    struct archive_auth *a);
void	archive_auth_done(struct archive_auth *a, int ok);
void	archive_auth_dispose(struct archive_auth *a);

/*
 * A pack of new blobs, written directly (archive_pack.c): each deflated
 * once at zlib's fastest level, the index written from what is known.
 * archive_pack_add() takes a blob and its id (a blob already in this
 * pack is skipped); archive_pack_finish() puts the pack and its index in
 * place (after which git_odb_refresh() shows them). Functions return 0,
 * or -1 with errno set. archive_pack_free() removes an unfinished pack.
 */
struct archive_pack;

int	archive_pack_new(struct archive_pack **out, struct archive *ar);
int	archive_pack_add(struct archive_pack *p, const git_oid *id,
	    const void *data, size_t len);
int	archive_pack_finish(struct archive_pack *p);
void	archive_pack_free(struct archive_pack *p);
/* archive_pack_add_delta() adds id as a delta (git's format) against
 * base, which must be in the same pack; archive_pack_add_raw() adds an
 * entry copied as it is from another pack (its header and deflated
 * data). archive_pack_name() is the hex name of the last pack put in
 * place (owned by p), or NULL. */
int	archive_pack_add_delta(struct archive_pack *p, const git_oid *id,
	    const git_oid *base, const void *delta, size_t len);
int	archive_pack_add_raw(struct archive_pack *p, const git_oid *id,
	    const void *ent, size_t len);
const char *archive_pack_name(const struct archive_pack *p);
/* The bytes written so far into the open pack (0 when none is open). */
uint64_t archive_pack_bytes(const struct archive_pack *p);

/* The chain pack's name as REPO/morgue-chain records it, in hex (41
 * bytes), or "" when there is none or it is not 40 hex digits. */
void	archive_chain_marker(struct archive *ar, char hex[41]);

/*
 * archive_pack_each() reads the pack named hex (and its index, version
 * 2) and calls fn with each entry's id and raw bytes (its header and
 * deflated data), in pack order; fn's nonzero return stops it and is
 * returned. -1 with errno set for a pack that cannot be read, is not
 * well formed (an entry whose CRC is not the index's, say), or whose
 * pack or index is larger than max bytes. archive_read_all() appends
 * the file at path to b: 0, or -1 with errno set (EFBIG past max).
 */
int	archive_pack_each(struct archive *ar, const char *hex, size_t max,
	    int (*fn)(void *arg, const git_oid *id, const unsigned char *ent,
	    size_t len), void *arg);
int	archive_read_all(const char *path, struct buf *b, size_t max);

/*
 * The chain pack (archive_chain.c): large blobs, each new version of a
 * path stored as a delta against its previous one, all in one pack that
 * each build rewrites (copying the old entries as they are) and swaps
 * for the old one. archive_chain_put() takes a blob of id, with the id
 * of the path's previous version (NULL for a new path);
 * archive_chain_finish() puts the new pack in place and removes the old
 * one, before the branch moves. 0 or -1 with errno set.
 */
struct archive_chain;

#define ARCHIVE_CHAIN_MIN	(16 * 1024)	/* bytes: smaller blobs go elsewhere */

int	archive_chain_new(struct archive_chain **out, struct archive *ar,
	    git_odb *odb);
int	archive_chain_put(struct archive_chain *c, const git_oid *id,
	    const void *data, size_t len, const git_oid *prev);
int	archive_chain_finish(struct archive_chain *c);
void	archive_chain_free(struct archive_chain *c);

/*
 * archive_repack.c: after a commit, merges the small packs so that the
 * packs keep a geometric progression of sizes (each at least twice the
 * next smaller one); *merged says how many were merged into one. A
 * failure is reported as a warning and returns -1; the archive stays
 * intact. archive_repack_split() is the rule: of n sizes sorted
 * ascending, how many of the smallest to merge (0: none).
 */
int	archive_repack(struct archive *ar, struct diag *d, size_t *merged);
size_t	archive_repack_split(const off_t *size, size_t n);

/* Reports the last libgit2 error as "REPO: error: what: message". */
int	archive_git_err(struct archive *ar, struct diag *d, const char *what);

/* Reports an object that cannot be read as a corrupt repository. */
int	archive_corrupt(struct archive *ar, struct diag *d, const git_oid *id);

/* The branch's last commit, or *out = NULL (and 0) when it has none. */
int	archive_tip(git_commit **out, struct archive *ar, struct diag *d);

/* The body of a Markdown page: what follows its front matter. */
const char *archive_md_body(const char *s, size_t len, size_t *blen);
/* Whether the article's title or body differs between two pages. */
int	archive_text_differs(const char *a, size_t alen, const char *b,
	    size_t blen);
/* The title line of a Markdown page's front matter, or NULL. */
const char *archive_md_title(const char *s, size_t len, size_t *tlen);

/*
 * Fills c's permalink and title lists with the articles added, changed
 * (body or title) and removed from tree old to new (either may be NULL),
 * from their index.md pages, in permalink order, reading only the
 * subtrees that differ. Returns 0, or -1 when neither tree has an
 * articles.json (not a site).
 */
int	archive_diff(struct archive_change *c, struct archive *ar,
	    git_tree *old, git_tree *new);
void	archive_change_dispose(struct archive_change *c);

/*
 * The commit message for a tree change from old to new (either may be
 * NULL): counts and titles of the articles added, changed and removed,
 * from the two articles.json; files counts the paths that changed.
 */
char	*archive_message(struct archive *ar, git_tree *old, git_tree *new,
	    size_t files);

#endif
