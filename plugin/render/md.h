/*
 * md.h: an article's body written once, as HTML for the site's pages and
 * as a CommonMark page with YAML front matter that Hugo and Jekyll read
 * as they are (the .md reader is parse/md_read.h).
 *
 * The body is never parsed as Markdown: scraped text is cut into
 * segments (some of them links) and each writer escapes it, so whatever
 * Markdown or HTML it holds stays literal, and cmark's parser, with its
 * quadratic cases, never sees untrusted text. md_body() builds the same
 * body as a cmark tree, for the tests to render and compare. The front
 * matter is written with libyaml's emitter, every string double-quoted
 * (so that a title "yes" or "1.0" stays a string) except the ISO date.
 *
 * All functions are safe to call from several threads on different
 * articles.
 */
#ifndef MORGUE_MD_H
#define MORGUE_MD_H

#include <stddef.h>

#include <cmark.h>

#include "parse/article.h"

/* The most body text, in bytes, that goes into one page; the rest of a
 * longer body is dropped (articles are capped before this anyway). */
#define MD_BODY_MAX	(8u * 1024 * 1024)

/*
 * A plain-text summary: the first paragraph (or key point, or title),
 * cut at a word boundary to at most about 300 bytes with "…" added when
 * cut. Never NULL; "" when the article has no text. Caller frees.
 */
char		*md_summary(const struct article *a);

/*
 * Whether key is a front matter key that Hugo or Jekyll gives a meaning
 * of its own ("url", "tags", "layout", ...; without case). A tag kind
 * named so is left out of the front matter (kept on the HTML pages).
 */
int		 md_reserved_key(const char *key);

/*
 * Whether the front matter lists the tag kind as a key of its own: the
 * standard kinds (people, places, organisations, topics) and every kind
 * that is neither one of the page's fixed keys nor reserved.
 */
int		 md_kind_listed(const char *kind);

/*
 * The body as a cmark DOCUMENT: paragraphs and subheads (level-2
 * headings) in order, text literal. The first mention in the body of each
 * a->mentions[i].text (as a whole word, outside the links already made)
 * links to root KIND/TERMSLUG/, where both are slug_make() of the
 * mention's kind and name; root is a relative prefix such as
 * "../../../../../" (NULL is ""). Caller frees with cmark_node_free().
 */
cmark_node	*md_body(const struct article *a, const char *root);

/*
 * The whole page: "---", the front matter (title, date, authors, agency,
 * dateline, source, source_url, slug, language, one list per tag kind
 * (md_kind_listed()), related,
 * syndicated, captions, key_points, summary, and date_inferred when set),
 * "---", a blank line and the CommonMark body with links relative to the
 * page (root "../../../../../"). all[0..n) is the site's article array
 * that a->related and a->syndicated index into (their permalinks are
 * listed); all may be NULL when n is 0. Absent strings are left out;
 * lists are always there, [] when empty. Caller frees.
 */
char		*md_page(const struct article *a, struct article *const *all,
		    size_t n);

/*
 * The body as HTML: <p> and <h2> blocks, text escaped, link URLs
 * percent-encoded and only relative ones made; byte for byte what
 * cmark_render_html() in its safe mode makes of md_body() (the tests
 * compare the two). Caller frees with free().
 */
char		*md_body_html(const struct article *a, const char *root);

/*
 * Where the site puts the page of a tag: href(arg, kind, name) returns a
 * malloc'd path from the site's root ("people/sergei-lavrov/index.html")
 * or NULL when there is no such page (the mention is then not linked).
 */
struct md_links {
	char	*(*href)(void *arg, const char *kind, const char *name);
	void	 *arg;
};

/* md_body_html() with each mention linked to root + links->href(...);
 * links NULL is md_body_html(). */
char		*md_body_html_links(const struct article *a, const char *root,
		    const struct md_links *links);

#endif
