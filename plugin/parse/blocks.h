/*
 * blocks.h: the blocks (lines, paragraphs) of a saved web page judged
 * by what prose is, on any site and in any language: prose is long,
 * made of sentences, dense in function words, and said once; menus,
 * link lists, share bars and legal lines are short, capitalised or
 * full of numbers, without function words, and often repeated. Each
 * block is classed alone, then in context (a short block between two
 * good ones is good), and the article is the main run of good blocks
 * from the top of the page down.
 */
#ifndef MORGUE_BLOCKS_H
#define MORGUE_BLOCKS_H

#include <stddef.h>

enum blocks_class {
	BLOCKS_BAD,
	BLOCKS_SHORT,	/* too short to tell alone */
	BLOCKS_NEAR,	/* prose-like, not sure */
	BLOCKS_GOOD
};

struct blocks_feat {
	size_t	cps;		/* code points */
	size_t	weight;		/* cps, CJK counting three each */
	size_t	words;
	size_t	stops;		/* words on the page language's list */
	size_t	cased;		/* words starting with a cased letter */
	size_t	caps;		/* of those, starting with a capital */
	size_t	digits;		/* words starting with a digit */
	int	sentence;	/* ends as a sentence ends */
	int	legal;		/* holds a copyright sign */
	int	cut;		/* ends in an ellipsis */
	int	glued;		/* blocks_glued_headline */
	int	credit;		/* blocks_credit_tail */
	size_t	bars;		/* | • · between words */
};

/* The features of s (clean UTF-8); stop words are counted on list lang
 * of stopwords.h (-1: none). */
void	blocks_features(struct blocks_feat *out, const char *s, int lang);
/* Whether s opens with a headline in title case run into the next
 * text without a space ("... Troy SteakhouseA party of six left"), as
 * a card of another story reads when copied from a page. */
int	blocks_glued_headline(const char *s);
/* Whether s ends in a photo's credit in parentheses: "(Photo: Name)",
 * or after its last sentence an agency in capitals "(AP)" or a credit
 * with a slash "(Agency Photo/Name)". */
int	blocks_credit_tail(const char *s);
/* The stop-word list most of the words of the n texts are on, or -1
 * when none holds at least one word in twenty (a script we list no
 * words of). */
int	blocks_page_lang(const char *const *texts, size_t n);
/* The shares of function words (per mille) below which a block is
 * furniture (low) and above which it is prose (high), from the share
 * in the page's long sentences (f: the page's n blocks); both 0 when
 * the page's words are on no list. */
void	blocks_thresholds(unsigned *low, unsigned *high,
	    const struct blocks_feat *f, size_t n);
/* A block's class alone; repeats: how many times its text is on the
 * page. With high 0, sentence ends stand for function words. */
enum blocks_class blocks_classify(const struct blocks_feat *f,
	    unsigned low, unsigned high, unsigned repeats);
/* Resolves SHORT and NEAR blocks by their neighbours (weight[i]: block
 * i's text): every class becomes GOOD or BAD. */
void	blocks_context(enum blocks_class *cls, const size_t *weight,
	    size_t n);
/* The main run [*start, *end): of the stretches of blocks where good
 * text most outweighs bad blocks (weight[i]: block i's text), the first
 * from the top with half the largest one's text. *start ==
 * *end == n when no block is good. */
void	blocks_main_run(size_t *start, size_t *end,
	    const enum blocks_class *cls, const size_t *weight, size_t n);
/* Where a thread of comments starts among n texts (words[i]: text i's
 * words, cls[i] its class): the first of three short dated lines or
 * more, each a few blocks after the last, with a good block before
 * them; n when there is none. */
size_t	blocks_thread_start(const char *const *texts, const size_t *words,
	    const enum blocks_class *cls, size_t n);
/* Whether block f reads as a person's name on its own line: a word or
 * a few, each capitalised, no digit, no sentence. */
int	blocks_name_line(const struct blocks_feat *f);
/* Where a thread of comments headed by names starts among the n blocks
 * (f[i] block i's features, rep[i] how often the page says it, cls[i]
 * its class): three name lines or more over good blocks, each a few
 * blocks after the last, one name said twice (the author answering),
 * the first after a block that is not good and under most of the good
 * text; n when there is none. */
size_t	blocks_name_thread(const struct blocks_feat *f, const unsigned *rep,
	    const enum blocks_class *cls, size_t n);
/* The number a list item starts with (1 of "1) ...", "1. ...", "1a
 * etapa ...", "1<tab>name"), or 0: none, a bare number (a ranking's
 * counter), a time, a decimal or a number glued to a word. */
int	blocks_item_number(const char *s);
/* Marks in in_list[i] the blocks of numbered lists among the n texts
 * (items 1, 2, 3 and on, a few blocks apart, with the lines between
 * and after them); returns how many lists. */
size_t	blocks_lists(unsigned char *in_list, const char *const *texts,
	    size_t n);
/* Whether s is a row of "label: value" (a short label, a colon, a
 * value, no sentence end): "Spain (Group F): 11th appearance". */
int	blocks_label_line(const char *s);
/* How many times each of the n texts is on the page (rep[i] for text
 * i, by a hash of the whole text). */
void	blocks_repeats(unsigned *rep, const char *const *texts, size_t n);
/* All of it on the n texts of a page: cls[i] (GOOD or BAD) and the
 * main run. */
void	blocks_judge(enum blocks_class *cls, size_t *start, size_t *end,
	    const char *const *texts, size_t n);

#endif
