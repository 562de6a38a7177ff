/*
 * md_read.h: hand-written .md pages with YAML front matter read into an
 * article (md_read.c).
 *
 * Safe to call from several threads on different articles.
 */
#ifndef MORGUE_MD_READ_H
#define MORGUE_MD_READ_H

#include <stddef.h>

#include "core/diag.h"
#include "parse/article.h"

/* The most bytes of front matter md_read_page() accepts: libyaml keeps
 * every node of a document in memory, about 100 bytes each. */
#define MD_FRONT_MAX	(1024u * 1024)
/* How deep front matter may nest, in flow collections ("[", "{") and in
 * the indentation and indicators that open a line (bytes): libyaml's
 * time grows with the square of the nesting. (md_read.c's messages
 * name both numbers.) */
#define MD_FRONT_DEPTH	32
#define MD_FRONT_INDENT	128
/* How many anchors ("&a") it may define: libyaml resolves each alias
 * by a search through all of them. */
#define MD_FRONT_ANCHORS	256

/*
 * Fills the parser's fields of a (which the caller allocated, zeroed
 * but for path) from a hand-written page: text (len bytes, clean UTF-8
 * from text_decode()) must open with a "---" line and a YAML mapping
 * closed by "---" or "...". The front matter gives title, date, authors,
 * agency, dateline, source, url, slug, language, captions, key_points,
 * and tags (people, places, organisations, topics; "tags" counts as
 * topics). The body is split, without a Markdown parser, into paragraphs
 * (blank-line separated; list items one each) and subheads (ATX and
 * setext headings). Sets from_markdown. Returns 0, or -1 when the page
 * has no front matter or it is not a YAML mapping (reported on d with
 * path and line).
 */
int		md_read_page(struct article *a, struct diag *d,
		    const char *path, const char *text, size_t len);

#endif
