/*
 * stopwords.h: the most common function words of each language we read
 * (articles, prepositions, conjunctions, pronouns, auxiliaries), as a
 * set of languages per word. Prose is full of them in any language;
 * menus, link lists and headlines have few. The lists are ours, short,
 * written from knowledge of each language (stopwords.c).
 */
#ifndef MORGUE_STOPWORDS_H
#define MORGUE_STOPWORDS_H

#include <stddef.h>

#define STOPWORDS_MAX_LANGS	32

/* The number of languages listed. */
size_t	stopwords_count(void);
/* The ISO 639-1 code of list k (static storage), NULL past the end. */
const char *stopwords_lang(size_t k);
/* The list of lang ("en"), or -1 when we have none. */
int	stopwords_index(const char *lang);
/* The lists that hold the word w[0..len) (bit k: list k), compared with
 * capitals folded (ASCII, Latin-1 and Cyrillic); 0 for any other word. */
unsigned stopwords_langs(const char *w, size_t len);

#endif
