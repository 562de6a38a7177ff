/*
 * extract_int.h: what the files of the extract module share (extract.c,
 * the units, the header and the start of the body; extract_body.c, the
 * judging of body units and the collection of fields); nothing outside
 * them includes it.
 */
#ifndef MORGUE_EXTRACT_INT_H
#define MORGUE_EXTRACT_INT_H

#include <stddef.h>
#include <string.h>

#include "parse/article.h"
#include "parse/blocks.h"
#include "parse/extract.h"
#include "core/xalloc.h"

enum ukind {
	U_BODY,		/* a paragraph, until judged otherwise */
	U_SUBHEAD,
	U_CAPTION,
	U_KEYPOINT,
	U_BOILER,
	U_META,		/* title, byline, date, URL: used, not body */
	U_DROP		/* decks: neither body nor boilerplate */
};

struct unit {
	char		*text;
	unsigned	 line;
	int		 blank_before;
	int		 hard;		/* ended with a Markdown hard break */
	enum ukind	 kind;
	unsigned	 memo;		/* unit_rule's judgements */
};

struct units {
	struct unit	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * The rules on a unit's text that several passes ask again (prose,
 * caption, boilerplate), each judged once per unit: bit r of memo says
 * that the rule was judged, bit r << 1 its answer. What changes a
 * unit's text clears its memo.
 */
enum { R_PROSE = 1, R_CAPTION = 4, R_BOILER = 16 };

/* Judges rule r (R_PROSE, R_CAPTION, R_BOILER) on u once. */
int	extract_unit_rule(struct unit *u, unsigned r);

#define unit_prose(u)	extract_unit_rule((u), R_PROSE)
#define unit_caption(u)	extract_unit_rule((u), R_CAPTION)
#define unit_boiler(u)	extract_unit_rule((u), R_BOILER)

struct ctx {
	struct article	*a;
	struct units	 u;
	int		 flags;
	size_t		 body;		/* index of the first body unit */
	/* In a web page: each unit's class, and the main run of prose
	 * [run, run_end) (blocks.h); NULL and 0 elsewhere. */
	enum blocks_class *cls;
	size_t		 run;
	size_t		 run_end;
};

static inline int
starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* Sets *field to a copy of v when it is unset and v is not empty. */
static inline void
extract_set_str(char **field, const char *v)
{
	if (*field == NULL && v != NULL && *v != '\0')
		*field = xstrdup(v);
}

/* Whether two headlines have the same letters and digits (ASCII ones
 * without case, every byte past ASCII as it is; the rest skipped). */
static inline int
extract_same_headline(const char *x, const char *y)
{
	const unsigned char *a = (const unsigned char *)x;
	const unsigned char *b = (const unsigned char *)y;

	for (;;) {
		while (*a != '\0' && *a < 0x80 && !(*a >= '0' && *a <= '9') &&
		    !((*a | 32) >= 'a' && (*a | 32) <= 'z'))
			a++;
		while (*b != '\0' && *b < 0x80 && !(*b >= '0' && *b <= '9') &&
		    !((*b | 32) >= 'a' && (*b | 32) <= 'z'))
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if ((*a < 0x80 ? *a | 32 : *a) != (*b < 0x80 ? *b | 32 : *b))
			return 0;
		a++, b++;
	}
}

/* The passes over the body, in order (extract_body.c). */
void	extract_judge_body(struct ctx *c);
void	extract_tidy_end(struct ctx *c);
/* A press release's box about its company, and what follows it, out of
 * the body (extract_box.c). */
void	extract_drop_profile(struct ctx *c);
void	extract_cut_dateline(struct ctx *c);
/* Moves the judged units' texts into the article's fields. */
void	extract_collect(struct ctx *c);

#endif
