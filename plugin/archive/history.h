/*
 * history.h: the archive read back for the site: each article's
 * revisions, with what each one changed as a word-level diff, and the
 * latest builds' additions, corrections and removals, for
 * render_opts.history. The build in progress counts as the newest build,
 * dated as its commit will be, so that a rebuild shows the same history.
 */
#ifndef MORGUE_HISTORY_H
#define MORGUE_HISTORY_H

#include <stddef.h>

#include "archive/archive.h"
#include "parse/article.h"
#include "core/diag.h"
#include "render/render.h"

/* Builds listed on the "what changed" page and feed. */
#define HISTORY_BUILDS	20

/*
 * Fills *out for the articles v[0..n), in the order render_opts.articles
 * has them (permalinks final), from the archive ar, with now the time
 * the build's commit will have; all[0..n) is the array their related
 * stories index into. Their Markdown pages (md_page(v[i], all, n)) are
 * made here with up to jobs threads (0: one per processor), one at a
 * time each, never all held at once.
 * Returns 0, or -1 after reporting (a corrupt archive). Free with
 * history_dispose().
 */
int	history_read(struct render_history *out, struct diag *d,
	    struct archive *ar, struct article *const *v,
	    struct article *const *all, size_t n, unsigned jobs,
	    long long now);
void	history_dispose(struct render_history *h, size_t n);

#endif
