/*
 * article.h: one news article, from raw text to its fields (title, date,
 * authors, agency, dateline, source, body, ...), plus what the later
 * stages of the pipeline attach to it.
 *
 * The parser fills the first group of fields and never touches the rest; each
 * later stage fills fields of its own and writes no other: rules (rules.c) add
 * tags and links, related.c the relations and the inferred date, the build
 * (site.c) the published and the final permalink. All strings are valid UTF-8
 * (NFC), NUL-terminated, and owned by the article; article_free() releases
 * everything.
 */
#ifndef MORGUE_ARTICLE_H
#define MORGUE_ARTICLE_H

#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* Larger inputs are refused before they are read (HOSTILE rows 3, 4). */
#define ARTICLE_MAX_BYTES	(8u * 1024 * 1024)

enum block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_SUBHEAD
};

/* The body in reading order: paragraphs and the subheads between them. */
struct block {
	enum block_kind	 kind;
	char		*text;
	unsigned	 line;		/* in the source file */
};

/* A tag added by a rule: kind is "people", "places", "topics", ... */
struct tag {
	char	*kind;
	char	*name;		/* the canonical display name */
	char	*origin;	/* "lua/tags.lua:12", the rule that added it */
};

/* An inline link asked for by a rule: the first mention of text in the
 * body links to the page of the tag (kind, name). */
struct mention {
	char	*text;
	char	*kind;
	char	*name;
	char	*origin;
};

/* A related story, with the reason a reader sees. */
struct relation {
	size_t	 index;		/* into the site's article array */
	double	 score;
	char	*reason;	/* "also about: Marrow, port strike" */
};

struct article {
	/* Filled by the parser. */
	char		*path;		/* as given, or relative to content/ */
	char		*title;
	char		*title_from;	/* NULL: the text gave the title;
					   "lead": made from the lead
					   sentence (parse/title.h) */
	char		*agency;
	char		*date;		/* YYYY-MM-DD, or NULL */
	char		*dateline;
	char		*source;
	char		*url;
	char		*language;	/* ISO 639-1 */
	char		*slug;		/* ^[a-z0-9][a-z0-9-]{0,79}$ */
	struct strv	 authors;
	struct strv	 paragraphs;
	struct strv	 subheads;
	struct strv	 key_points;
	struct strv	 captions;
	struct strv	 boilerplate;
	struct block	*body;		/* paragraphs and subheads in order */
	size_t		 nbody;
	size_t		 word_count;
	int		 from_markdown;	/* a hand-written .md page */

	/* Filled by later stages. */
	char		*date_inferred;	/* related: an undated copy's date,
					   that of its story; else NULL */
	char		*published;	/* build: the permalink the archive
					   has for this path, or NULL */
	char		*permalink;	/* build: "articles/2021/12/01/slug/" */
	struct tag	*tags;
	size_t		 ntags;
	size_t		 tags_dropped;	/* over the caps below */
	struct mention	*mentions;
	size_t		 nmentions;
	struct relation	*related;
	size_t		 nrelated;
	size_t		*syndicated;	/* indices of the other copies */
	size_t		 nsyndicated;
	long		 thread_prev;	/* index, or -1 */
	long		 thread_next;	/* index, or -1 */
};

/*
 * Parses len bytes of raw text (or of a .md page with YAML front matter,
 * when path ends in ".md") into *out, which the caller frees with
 * article_free(). Problems with the input are reported to d with path and
 * line. Returns 0 on success, -1 when the article is skipped (empty,
 * binary, too large: the reason has been reported as a warning).
 */
int	article_parse(struct article **out, struct diag *d, const char *path,
	    const char *data, size_t len);

/* What article_load() returns when path could not be read at all (an
 * error, not a skip: its article is missing, not removed). */
#define ARTICLE_EREAD	(-2)

/*
 * Reads path whole into *data (the caller frees it; len bytes): at most
 * ARTICLE_MAX_BYTES, a regular file only, never following a symlink.
 * Returns 0, -1 when the file is skipped (a symlink, not a regular file,
 * too large: a warning), or ARTICLE_EREAD when it cannot be opened or
 * read (an error). Problems are reported to d, or to no one when d is
 * NULL; *data is NULL unless 0 is returned.
 */
int	article_read(struct diag *d, const char *path, char **data,
	    size_t *len);

/* Reads path as article_read() does and parses it. Same return and
 * ownership as article_parse(), but ARTICLE_EREAD (reported as an error:
 * "cannot read: ...") when the file cannot be opened or read. */
int	article_load(struct article **out, struct diag *d, const char *path);

/* Each tag is a page and a feed of the site, so one article gives at
 * most ARTICLE_MAX_TAGS tags, each kind and name at most ARTICLE_MAX_TAG
 * bytes. */
#define ARTICLE_MAX_TAGS	200
#define ARTICLE_MAX_TAG		120

/* Adds a tag unless (kind, name) is there already; copies the strings,
 * the name in NFC without invisible characters (zero-width, bidi).
 * A tag over the caps above is not added but counted in tags_dropped,
 * which the build reports. */
void	article_add_tag(struct article *a, const char *kind, const char *name,
	    const char *origin);

void	article_free(struct article *a);

/*
 * Frees all of a but what names it and places it on the site: path,
 * title, slug, date, date_inferred, published and permalink, which the
 * permalinks (site.h) read. For a build that has written its pages and
 * still needs its articles' names, not their text.
 */
void	article_keep_names(struct article *a);

/* The date the site shows: the parser's, else the one inferred from the
 * article's copies (date_inferred), else NULL. */
static inline const char *
article_date(const struct article *a)
{
	return a->date != NULL ? a->date : a->date_inferred;
}

/*
 * The body block by block: body[] as the parser cut it, or, for an
 * article that has none, its paragraphs. article_block() returns block i
 * (i < article_nblocks(a); NULL for an empty one) and sets *kind.
 */
static inline size_t
article_nblocks(const struct article *a)
{
	return a->nbody > 0 ? a->nbody : a->paragraphs.n;
}

static inline const char *
article_block(const struct article *a, size_t i, enum block_kind *kind)
{
	if (a->nbody == 0) {
		*kind = BLOCK_PARAGRAPH;
		return a->paragraphs.v[i];
	}
	*kind = a->body[i].kind;
	return a->body[i].text;
}

#endif
