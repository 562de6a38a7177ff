/*
 * export_hugo.h: the archive as another generator's project (`morgue
 * export`): the Markdown pages of the build, as they are, in a Hugo
 * project with a minimal theme, so that `hugo` builds a site that keeps
 * the titles, dates, tags and links.
 */
#ifndef MORGUE_EXPORT_HUGO_H
#define MORGUE_EXPORT_HUGO_H

#include <stddef.h>

#include "parse/article.h"
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

#endif
