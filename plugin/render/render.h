/*
 * render.h: the browsable site (its pages, feeds, search and sitemap)
 * from articles that are already parsed, tagged, related and given their
 * permalinks.
 *
 * render_site() builds one jansson context per page and renders it with
 * the Mustache templates of o->templates (tmpl.h); the contexts are
 * documented for template authors in docs/templates.md. Every link it
 * writes is relative ("root" is "../" once per directory level of the
 * page), so the site works from file://, under a sub-path and on any
 * host; base_url is used only where absolute URLs are required (Atom
 * feeds, sitemap.xml, the JSON-LD "url"). Output is byte-for-byte a
 * function of the inputs: everything is sorted, and the only time used is
 * o->updated.
 */
#ifndef MORGUE_RENDER_H
#define MORGUE_RENDER_H

#include <stddef.h>
#include <time.h>

#include <xxhash.h>

#include "parse/article.h"
#include "core/buf.h"
#include "core/diag.h"

/* Articles on one page of the index (index.html, page/2/, ...). */
#define RENDER_PAGE_SIZE	20
/* Entries of the site's Atom feed (the newest), and of each term's. */
#define RENDER_FEED_SIZE	50
#define RENDER_TERM_FEED_SIZE	20
/* URLs in one sitemap file (sitemaps.org); beyond, sitemap.xml becomes
 * an index of sitemap-1.xml, sitemap-2.xml, ... */
#define RENDER_SITEMAP_MAX	50000

/* One version of an article as the archive keeps it: every build that
 * changed the article is a revision the reader can see. */
struct render_revision {
	long long	 time;		/* when it was archived (UTC seconds) */
	char		*diff;		/* what changed from the version
					   before, as HTML: escaped text,
					   removed words in <del>, added ones
					   in <ins>; NULL for the first */
};

/* A build that added, corrected or removed articles. */
struct render_build {
	long long	 time;
	struct strv	 added, added_titles;	/* permalinks; titles */
	struct strv	 changed, changed_titles;
	struct strv	 removed_titles;
};

/* What the archive remembers, for the pages that show it (history.h). */
struct render_history {
	struct render_revision	**revs;		/* index for index with
						   render_opts.articles:
						   oldest first */
	size_t			 *nrevs;
	struct render_build	 *builds;	/* newest first */
	size_t			  nbuilds;
};

struct render_opts {
	const char	 *title;	/* the site's title */
	const char	 *base_url;	/* absolute http(s) URL, for feeds and
					   sitemap only; "/" appended if missing */
	const char	 *language;	/* ISO 639-1, the <html lang> */
	const char	 *templates;	/* the templates directory */
	struct article	**articles;	/* borrowed; permalink set on each */
	size_t		  n;
	time_t		  updated;	/* the build time: render_build_time() */
	size_t		  sitemap_max;	/* URLs per sitemap file; 0 means the
					   protocol's limit, RENDER_SITEMAP_MAX */
	const struct render_history *history;	/* NULL: no archive */
	const struct strv *spellings;	/* pairs (name, another spelling)
					   the search finds names by; NULL:
					   none */
	/* Where pages go: when set, each page's path (relative to the
	 * output) and bytes are handed to write(write_arg, ...), which
	 * returns 0 or -1 after reporting; else they are written below
	 * render_site()'s dir. key, when not NULL, is the page's key
	 * (below), to keep with its bytes. */
	int		(*write)(void *, const char *, const char *, size_t,
			    const XXH128_hash_t *);
	/* When set, a page is first keyed by all it shows (its template
	 * and the partials it reaches, the values of its context that
	 * they can read, and morgue itself), and keep(write_arg, path,
	 * key) is asked whether the output holds that page as written
	 * with that key: then it is not rendered at all (1), else (0) it
	 * is rendered and written with its key. */
	int		(*keep)(void *, const char *, const XXH128_hash_t *);
	void		 *write_arg;
	/* Set by render_site(): pages rendered and pages kept by key. */
	size_t		 *rendered, *kept;
	unsigned	  jobs;		/* threads (0: one per processor);
					   the site is the same for any */
};

/*
 * Writes the site into dir (which exists; normally a fresh directory the
 * caller renames into place). Templates are loaded from o->templates;
 * a missing or broken template is an error (exit 3: nothing should be
 * published). An article whose permalink is unsafe (absolute, "..",
 * a dot-name) is reported and left out. Returns 0, or -1 after
 * reporting to d.
 */
int	render_site(struct diag *d, const struct render_opts *o,
	    const char *dir);

/*
 * The build time: SOURCE_DATE_EPOCH when it is set to a number, else
 * the newest article date (midnight UTC), else 0. Never the clock.
 */
time_t	render_build_time(struct article *const *v, size_t n);

/*
 * Whether url may become a link: an absolute http or https URL with a
 * host and no space, control byte, quote or angle bracket: a URL from
 * the input can never become javascript: or break out of an attribute.
 * Anything else (javascript:, data:, relative, protocol-relative) is
 * shown as text only.
 */
int	render_url_ok(const char *url);

/*
 * Appends s to out as JSON that can sit inside <script> in HTML: the
 * bytes of json_dumps() with <, >, & and U+2028/U+2029 written as
 * \u003c, \u003e, \u0026, \u2028, \u2029, so that no "</script" or
 * "<!--" can appear in it, whatever the input's strings hold.
 */
struct buf;
void	render_json_script(struct buf *out, const char *json);

/*
 * Returns a malloc'd copy of s that is valid UTF-8 (invalid bytes become
 * U+FFFD) without the characters XML 1.0 forbids or that no reader wants
 * to see: C0 controls other than tab and newline, DEL, C1 controls,
 * U+FFFE and U+FFFF, which no page may carry. NULL gives NULL.
 */
char	*render_clean(const char *s);

#endif
