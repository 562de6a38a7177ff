/*
 * title.h: a title for an article whose text gives none.
 *
 * Many saved pages lose their headline (copied from below it, or the
 * page had none); a list of "Untitled" pages tells a reader nothing, so
 * such an article is named by the first words of its lead sentence, and
 * marked so (article.title_from) that a reader or a script knows the
 * title was made, not found.
 */
#ifndef MORGUE_TITLE_H
#define MORGUE_TITLE_H

#include <stddef.h>

/* A made title has at most this many words (CJK characters count as
 * half a word) and this many bytes, before the ellipsis. */
#define TITLE_LEAD_WORDS	12
#define TITLE_LEAD_BYTES	100

/* The value of article.title_from for a title made from the lead. */
#define TITLE_FROM_LEAD		"lead"

/*
 * The length of the first sentence of s: up to and with the first '.',
 * '!', '?' or '…' (or the CJK full stop) that ends a sentence, that is
 * one followed by a space or the end and not closing an abbreviation or
 * an initial ("Mr.", "U.S.", "J."); strlen(s) when none does.
 */
size_t	title_sentence_len(const char *s);

/*
 * A title from the lead paragraph s: its first sentence, without the
 * final full stop, cut at a word boundary to TITLE_LEAD_WORDS words and
 * TITLE_LEAD_BYTES bytes with "…" when longer. The caller frees it;
 * NULL when s holds no word.
 */
char	*title_from_lead(const char *s);

/*
 * How many distinct words of the headline h (of four bytes or more,
 * not a function word: stopwords.h) the lead text begins a word of its
 * own with, compared by their first five bytes, ASCII case folded
 * ("agrees" meets "agreed"): a page's headline says what its lead
 * says, where its menus and promotions do not. The lead is read once
 * into a struct title_lead (its first TITLE_LEAD_SCAN bytes, at most
 * TITLE_LEAD_STEMS distinct stems), then compared with each line.
 */
#define TITLE_LEAD_SCAN		1500
#define TITLE_LEAD_STEMS	128
#define TITLE_STEM		5

struct title_lead {
	char	stem[TITLE_LEAD_STEMS][TITLE_STEM + 1];
	size_t	n;
};

void	title_lead_init(struct title_lead *out, const char *lead);
size_t	title_lead_hits(const struct title_lead *lead, const char *h);

#endif
