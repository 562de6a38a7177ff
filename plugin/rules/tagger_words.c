/*
 * tagger_words.c: questions the recogniser (tagger_names.c) asks of one
 * word of an article: its shape, whether a list or the gazetteer holds
 * it, whether the article also writes it in lower case, whether it is
 * an adjective of a place (tagger_int.h).
 */
#include <string.h>

#include "rules/tagger_int.h"
#include "core/xalloc.h"

/* {==== words */

uint64_t
tagger_tokhash(const struct toks *tk, const struct tok *k)
{
	struct tok *w = (struct tok *)k;

	if (!(k->flags & T_HASHED)) {
		w->h = tagger_hash(tagger_tfold(tk, k), k->flen);
		w->flags |= T_HASHED;
	}
	return k->h;
}

int
tagger_listed(const struct tagger *t, enum tagger_list l, const struct toks *tk,
    const struct tok *k)
{
	return t->lists[l].cap != 0 &&
	    tagger_hmap_get(&t->lists[l], tagger_tokhash(tk, k)) != NONE;
}

/* A word that can be part of a name: capitalised, not a stop word, no
 * longer than names' words are (a script without spaces glues a
 * sentence to the name before it). */
int
tagger_nameword(const struct tagger *t, const struct toks *tk, const struct tok *k)
{
	return (k->flags & T_CAP) && k->len <= 32 &&
	    !tagger_listed(t, TAGGER_STOP, tk, k);
}

/* The bytes between tokens a and a + 1 of the same text. */
int
tagger_sep_is(const struct tok *a, const char *what)
{
	const char *p = a->s + a->len;
	size_t n = strlen(what);

	return strncmp(p, what, n) == 0;
}

/* The bit of a word's filter: its length and the bytes at its ends,
 * mixed, so that words that differ there seldom share a bit. */
static unsigned
filter_bit(const char *f, size_t len)
{
	return tagger_word_mix(f, len) % (LOWERS_FILTER * 8u);
}

/*
 * Only words written with a capital are ever asked about (a word in
 * lower case is its own answer), so only the lower-case words that
 * could be one of them go into the set: a filter of the capitalised
 * words' shapes spares hashing most of the article's words.
 */
void
tagger_lowers_build(struct lowers *lw, const struct toks *tk)
{
	unsigned char filter[LOWERS_FILTER];
	const char *f;
	unsigned bit;
	size_t i;
	int added;

	lw->built = 1;
	memset(filter, 0, sizeof(filter));
	for (i = 0; i < tk->n; i++) {
		const struct tok *o = &tk->v[i];

		if (!(o->flags & T_UPPER) || o->flen == 0)
			continue;
		bit = filter_bit(tagger_tfold(tk, o), o->flen);
		filter[bit / 8] |= (unsigned char)(1u << (bit % 8));
	}
	for (i = 0; i < tk->n; i++) {
		const struct tok *o = &tk->v[i];

		if ((o->flags & T_UPPER) || !(o->flags & T_LOWER))
			continue;
		f = tagger_tfold(tk, o);
		bit = filter_bit(f, o->flen);
		if (!(filter[bit / 8] & (1u << (bit % 8))))
			continue;
		*map64_put(&lw->m, tagger_hash(o->s, o->len), &added) = 1;
	}
}

/* Whether word k is written in lower case elsewhere in the article: a
 * common word, not a name, when it starts a sentence ("Such" may be a
 * name; "Trailing" is not, if "trailing" is written too). A word in
 * lower case is, itself. */
int
tagger_lower_elsewhere(struct lowers *lw, const struct toks *tk, const struct tok *k)
{
	if (!(k->flags & T_UPPER))
		return (k->flags & T_LOWER) != 0;
	if (!lw->built)
		tagger_lowers_build(lw, tk);
	return map64_get(&lw->m, tagger_hash(tagger_tfold(tk, k), k->flen)) !=
	    NULL;
}

int
tagger_common_only(const struct tagger *t, const struct toks *tk,
    const struct tok *k)
{
	const uint32_t *v;

	if (t->dict.cap == 0)
		return 0;
	v = map64_get(&t->dict, tagger_tokhash(tk, k));
	return v != NULL && *v == DICT_LOWER;
}

/*
 * Is word k a brand's coinage: a common word of the list glued to
 * another with a capital inside ("TarBook", "NokPods")? Not a name's
 * prefix before a capital ("McFee", "DiNardo", "LaJoie": the tail is
 * no common word, or the head is Mc).
 */
int
tagger_brand_word(const struct tagger *t, const struct toks *tk,
    const struct tok *k)
{
	const char *f;
	size_t i;
	const uint32_t *v;

	if (t->dict.cap == 0 || !(k->flags & T_CAP) || !(k->flags & T_LOWER) ||
	    (k->flags & T_WIDE) || k->len < 5)
		return 0;
	f = tagger_tfold(tk, k);
	for (i = 2; i + 3 <= k->len; i++) {
		if (!(k->s[i] >= 'A' && k->s[i] <= 'Z' && k->s[i - 1] >= 'a' &&
		    k->s[i - 1] <= 'z'))
			continue;
		if (i == 2 && k->s[0] == 'M' && k->s[1] == 'c')
			return 0;
		v = map64_get(&t->dict, tagger_hash(f + i, k->len - i));
		return v != NULL && *v == DICT_LOWER;
	}
	return 0;
}

/* }==== */

/* {==== gazetteer look-ups */

uint32_t
tagger_gaz_get(const struct tagger *t, const char *s, size_t len)
{
	if (t->gaz.cap == 0 || len == 0)
		return NONE;
	return tagger_hmap_get(&t->gaz, tagger_hash(s, len));
}

/*
 * Is the folded word f an adjective of a place ("Australian", "Kenyan",
 * "Pakistani", "Chinese", "Swedish")? Its stem, with the endings that
 * names of places have, is a place of the gazetteer.
 */
int
tagger_demonym(const struct tagger *t, const char *f, size_t len)
{
	static const char *const sufs[] = { "ians", "ans", "ns", "ian", "an",
	    "n", "ese", "ish", "i", NULL };
	static const char *const ends[] = { "", "a", "y", "ia", "e", "o",
	    "en", "any", NULL };
	char stem[64];
	size_t i, j, sl, el;
	uint32_t g;

	if (len < 4 || len >= sizeof(stem) - 8 || !strchr("nihs",
	    f[len - 1]))
		return 0;
	for (i = 0; sufs[i] != NULL; i++) {
		sl = strlen(sufs[i]);
		if (sl + 3 > len || memcmp(f + len - sl, sufs[i], sl) != 0)
			continue;
		for (j = 0; ends[j] != NULL; j++) {
			el = strlen(ends[j]);
			memcpy(stem, f, len - sl);
			memcpy(stem + len - sl, ends[j], el);
			g = tagger_gaz_get(t, stem, len - sl + el);
			if (g != NONE && t->gkinds[g] != GAZ_COMMON)
				return 1;
		}
	}
	return 0;
}

/* An adjective of a place or a language: "Australian", "English". */
int
tagger_adjective(const struct tagger *t, const struct toks *tk, const struct tok *k)
{
	const char *f = tagger_tfold(tk, k);
	uint32_t g = tagger_gaz_get(t, f, k->flen);

	if (g != NONE)
		return t->gkinds[g] == GAZ_COMMON;
	return tagger_demonym(t, f, k->flen);
}

/* }==== */
