/*
 * archive_impl.h: what the archive_*.c files share; not for other
 * modules, which use archive.h.
 */
#ifndef MORGUE_ARCHIVE_IMPL_H
#define MORGUE_ARCHIVE_IMPL_H

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
	int			 fast;	/* a fast loose backend is there,
					   taking every write */
	/* Called just before the branch moves (tests race it there). */
	void			(*before_ref)(void *);
	void			*before_ref_arg;
};

struct conf;

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
