/*
 * extract.h: the fields of an article from its clean text.
 *
 * The text is cut into units (a line, or a paragraph of hard-wrapped
 * lines), and each unit is judged by small rules that follow from how
 * news text is written: a header of title, byline and date lines; a body
 * of paragraphs, subheads, captions and key points; boilerplate around
 * and inside it. The rule functions are exported so that each can be
 * tested alone; they take one NUL-terminated line of clean UTF-8.
 */
#ifndef MORGUE_EXTRACT_H
#define MORGUE_EXTRACT_H

#include <stddef.h>

#include "parse/article.h"

enum extract_flags {
	EXTRACT_WRAPPED = 1,	/* join hard-wrapped lines into paragraphs */
	EXTRACT_TITLED = 2,	/* the title is known: the text is body */
	EXTRACT_WEB = 4		/* a saved web page: strip header/footer */
};

/* Fills the fields of a that are still NULL/empty from text (clean
 * UTF-8, LF line ends); first_line is text's line number in the file. */
void	extract_article(struct article *a, const char *text, int flags,
	    unsigned first_line);

/* Whether lines of text look hard-wrapped at a fixed width. */
int	extract_is_wrapped(const char *text);

/* Rules, each on one trimmed line. */
int	extract_is_boilerplate(const char *s);
int	extract_is_end_marker(const char *s);	/* "Next Story", ... */
int	extract_is_teaser_marker(const char *s);	/* "Read also" */
int	extract_is_caption(const char *s);
int	extract_is_credit(const char *s);	/* "(Reporting by ...)" */
int	extract_is_prose(const char *s);	/* a sentence-like paragraph */
int	extract_is_subhead_shape(const char *s);
int	extract_is_teaser_shape(const char *s);
/* "Home | City | Weather": a row of short links (a nav bar, a
 * breadcrumb), never the title. */
int	extract_is_nav_bar(const char *s);
/* A line shaped like an outlet's name: 2 when it ends with a word that
 * names one ("The Sarn Valley Herald") or holds a word for how often
 * one comes out ("The Daily Norbay"), 1 when only its shape fits
 * ("Harbour Watch"), 0 when it is no name. */
int	extract_is_masthead(const char *s);
/* A whole page's headline among its n header lines cand (in page
 * order): the index of the headline-shaped line closest above the
 * story, with a few words, no date and not all in capitals; n when
 * none is. */
size_t	extract_web_title(const char *const *cand, size_t n);
/* "Acme Systems is a maker of ...": the length of the name (one to
 * three capitalised words) that opens s before a copula ("is", "ist",
 * "est", ...), as a company's profile opens; 0 when s opens otherwise. */
size_t	extract_profile_name(const char *s);
/* "- Heading -" (AFP) -> "Heading" (malloc'd), else NULL. */
char	*extract_afp_subhead(const char *s);
/* A line that is a URL, possibly broken by spaces: the joined URL
 * (malloc'd), else NULL. */
char	*extract_url(const char *s);
/* A URL line, or "Label: URL", joined with next (may be NULL) when the
 * URL was cut after a dash or slash and next is its rest (*joined set):
 * the URL (malloc'd), else NULL. */
char	*extract_labelled_url(const char *s, const char *next, int *joined);
/* "\u00a9 2019 Outlet. All rights reserved.", "Copyright 2000-2019 Outlet
 * | Terms": the holder ("Outlet", malloc'd), else NULL. */
char	*extract_copyright_holder(const char *s);
/* "Source: Outlet": the outlet (a pointer into s), else NULL. */
const char *extract_source_line(const char *s);
/* The last code point of s (0 for ""). */
unsigned extract_last_cp(const char *s);
/* Words in s; CJK and Thai characters count as half a word each. */
size_t	extract_words(const char *s);
/* extract_words(s) if at most max, else some count above max: enough
 * to compare with max without reading the rest of a long text. */
size_t	extract_words_max(const char *s, size_t max);

#endif
