/*
 * export_gen.h: the archive as another generator's project (`morgue
 * export`): the Markdown pages of the build, as they are, in a Hugo or
 * Jekyll project with a minimal theme, so that `hugo` or `jekyll build`
 * makes a site that keeps the titles, dates, tags and links.
 */
#ifndef MORGUE_EXPORT_GEN_H
#define MORGUE_EXPORT_GEN_H

#include <stddef.h>

#include "parse/article.h"
#include "core/buf.h"
#include "core/diag.h"

struct export_site {
	const char	 *title;
	const char	 *base_url;	/* absolute http(s) URL */
	const char	 *language;
	/* Borrowed: tagged, related and with their permalinks set, as a
	 * build leaves them; relation indices refer to this array. */
	struct article	**articles;
	size_t		  n;
};

/*
 * Writes the Hugo project into out, which must not exist or be empty:
 * hugo.toml (the site's title, base URL and language, one taxonomy per
 * tag kind of the front matter), content/PERMALINK/index.md for each
 * article (the page of md_page(), so that Hugo's URLs are morgue's
 * permalinks) and layouts/ (the built-in minimal theme). Returns 0, or
 * -1 after reporting.
 */
int	export_hugo(struct diag *d, const struct export_site *s,
	    const char *out);

/*
 * Writes the Jekyll project into out, which must not exist or be empty:
 * _config.yml (title, url, language, the tag kinds), each article's page
 * at PERMALINK/index.md, a page per tag kind and per term at the paths
 * morgue's site has them (KIND/SLUG/), _data/slugs.yml (the slug of
 * every term, for the layouts) and the built-in _layouts/ and index.html.
 * Returns 0, or -1 after reporting.
 */
int	export_jekyll(struct diag *d, const struct export_site *s,
	    const char *out);

/* {==== shared by the writers */

/* Writes len bytes to out/rel, making its directories. 0 or -1. */
int	export_put_file(struct diag *d, const char *out, const char *rel,
	    const char *data, size_t len);

/* 0 when dir is absent (then made) or empty; -1 otherwise (reported). */
int	export_fresh_dir(struct diag *d, const char *dir);

/* The tag kinds the front matter lists (md_kind_listed()), sorted. */
void	export_kinds(struct strv *out, const struct export_site *s);

/* Whether a permalink stays inside the project: relative, no "..". */
int	export_safe_permalink(const char *p);

/* Writes each article's page at PREFIX + PERMALINK + "index.md". */
int	export_pages(struct diag *d, const struct export_site *s,
	    const char *out, const char *prefix);

/* ====} */

#endif
