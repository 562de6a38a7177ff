/*
 * tagger_toks.c: what every part of the tagger stands on (tagger_int.h):
 * the hash of a word, the tables from a hash to an index (core/map.h),
 * an article's words split and case-folded, and the hits of a scan.
 * It calls no other tagger file, so that the others call one way:
 * tagger.c on tagger_names.c, then tagger_spans.c, tagger_words.c,
 * tagger_gaz.c, and all of them on this one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
/* Inlined: most words are a few bytes, where the call costs as much as
 * the hash. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/buf.h"
#include "rules/tagger_int.h"
#include "core/xalloc.h"

/* {==== hash tables */

uint64_t
tagger_hash(const char *s, size_t len)
{
	return XXH3_64bits(s, len);
}

uint32_t
tagger_hmap_get(const struct map64 *m, uint64_t h)
{
	const uint32_t *v = map64_get(m, h);

	return v != NULL ? *v : NONE;
}

/* Sets the value of h (replacing an old one). */
void
tagger_hmap_put(struct map64 *m, uint64_t h, uint32_t val)
{
	int added;

	*map64_put(m, h, &added) = val;
}

/* }==== */

/* {==== words */

/* Is the code point at s (of n bytes) part of a word? *adv gets its
 * length; *flags gains T_UPPER/T_LOWER. */
static int
wordchar(const unsigned char *s, size_t n, size_t *adv, uint32_t *flags)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	utf8proc_category_t cat;

	if (s[0] < 0x80) {
		*adv = 1;
		if (s[0] >= 'a' && s[0] <= 'z')
			*flags |= T_LOWER;
		else if (s[0] >= 'A' && s[0] <= 'Z')
			*flags |= T_UPPER;
		else if (!(s[0] >= '0' && s[0] <= '9'))
			return 0;
		return 1;
	}
	k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &cp);
	if (k <= 0) {
		*adv = 1;
		return 0;
	}
	*adv = (size_t)k;
	cat = utf8proc_category(cp);
	if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO)
		*flags |= T_WIDE;
	if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
		*flags |= T_UPPER;
	else if (cat == UTF8PROC_CATEGORY_LL)
		*flags |= T_LOWER;
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

/* Separators that keep words together: space, tab, hyphen, apostrophe,
 * no-break space, right single quote. Returns 0 for a hard break. */
static int
softsep(const unsigned char *s, size_t n, size_t *adv, uint32_t *flags)
{
	*adv = 1;
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '-')
		return 1;
	if (s[0] == '\'') {
		*flags |= T_APOS;
		return 1;
	}
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0) {
		*adv = 2;
		return 1;
	}
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x99) {
		*adv = 3;
		*flags |= T_APOS;
		return 1;
	}
	return 0;
}

/* What a byte is to the tokenizer, in one load: a letter or a figure
 * of a word (W) with the flag it gives the word (L, U), or, for a
 * byte between words, the flags it gives the next one (S: a space or
 * a tab, nothing; an apostrophe, T_APOS; the end of a sentence or a
 * line, E; any other, B). The hyphen (H) and bytes beyond ASCII (X)
 * are asked about apart. A table, as this loop sees every byte of
 * every article. (A sentence may start after its end or a line
 * break; an initial's full stop is told apart by the recogniser,
 * which sees the word before.) */
#define BYTE_WORD	0x100
#define BYTE_SEP	0x200
#define BYTE_HYPHEN	0x400
#define BYTE_WIDE	0x800

#define W	BYTE_WORD
#define L	T_LOWER
#define U	T_UPPER
#define S	BYTE_SEP
#define A	T_APOS
#define E	(T_HARD | T_SENT)
#define B	T_HARD
#define H	BYTE_HYPHEN
#define X	BYTE_WIDE
static const uint16_t byte_class[256] = {
	S|B, S|B, S|B, S|B, S|B, S|B, S|B, S|B,
	S|B, S, S|E, S|B, S|B, S|B, S|B, S|B,
	S|B, S|B, S|B, S|B, S|B, S|B, S|B, S|B,
	S|B, S|B, S|B, S|B, S|B, S|B, S|B, S|B,
	S, S|E, S|B, S|B, S|B, S|B, S|B, S|A,
	S|B, S|B, S|B, S|B, S|B, H, S|E, S|B,
	W, W, W, W, W, W, W, W,
	W, W, S|E, S|B, S|B, S|B, S|B, S|E,
	S|B, W|U, W|U, W|U, W|U, W|U, W|U, W|U,
	W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U,
	W|U, W|U, W|U, W|U, W|U, W|U, W|U, W|U,
	W|U, W|U, W|U, S|B, S|B, S|B, S|B, S|B,
	S|B, W|L, W|L, W|L, W|L, W|L, W|L, W|L,
	W|L, W|L, W|L, W|L, W|L, W|L, W|L, W|L,
	W|L, W|L, W|L, W|L, W|L, W|L, W|L, W|L,
	W|L, W|L, W|L, S|B, S|B, S|B, S|B, S|B,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
};
#undef W
#undef L
#undef U
#undef S
#undef A
#undef E
#undef B
#undef H
#undef X

static void
fold_token(struct toks *tk, struct tok *t)
{
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t n;
	unsigned char c;
	char *d;
	size_t i;

	if (!(t->flags & T_UPPER)) {
		/* Most words: already folded, nothing to copy. */
		t->foff = NOFOLD;
		t->flen = t->len;
		if (!tk->lazy) {
			t->h = tagger_hash(t->s, t->len);
			t->flags |= T_HASHED;
		}
		return;
	}
	t->foff = (uint32_t)tk->fold.len;
	if (!(t->flags & T_WIDE)) {
		/* ASCII, the common case: no need for utf8proc's mapping
		 * (and its allocation) to fold it. */
		if (tk->fold.cap - tk->fold.len <= t->len)
			buf_grow(&tk->fold, t->len);
		d = tk->fold.data + tk->fold.len;
		for (i = 0; i < t->len; i++) {
			c = (unsigned char)t->s[i];
			d[i] = (char)((unsigned)c - 'A' < 26u ? c + 'a' - 'A' : c);
		}
		tk->fold.len += t->len;
	} else if ((n = utf8proc_map((const utf8proc_uint8_t *)t->s,
	    (utf8proc_ssize_t)t->len, &f, UTF8PROC_CASEFOLD)) >= 0) {
		buf_put(&tk->fold, (const char *)f, (size_t)n);
		free(f);
	} else {
		buf_put(&tk->fold, t->s, t->len);
		for (i = t->foff; i < tk->fold.len; i++)
			if (tk->fold.data[i] >= 'A' && tk->fold.data[i] <= 'Z')
				tk->fold.data[i] += 'a' - 'A';
	}
	t->flen = (uint32_t)(tk->fold.len - t->foff);
	if (tk->lazy < 2) {
		t->h = tagger_hash(tk->fold.data + t->foff, t->flen);
		t->flags |= T_HASHED;
	}
}

/* Where the word that goes on at p[i] ends; adds to *flags. Inline:
 * it runs for every word of every article. */
static inline size_t
word_end(const unsigned char *p, size_t i, size_t len, uint32_t *flags)
{
	uint32_t fl = *flags, more;
	size_t adv;
	unsigned k;

	while (i < len) {
		k = byte_class[p[i]];
		if (k & BYTE_WORD) {
			fl |= k;
			i++;
		} else if (!(k & BYTE_WIDE))
			break;
		else {
			more = 0;
			if (!wordchar(p + i, len - i, &adv, &more))
				break;
			fl |= more;
			i += adv;
		}
	}
	*flags = fl & ~(uint32_t)BYTE_WORD;
	return i;
}

/* Splits s into words; the first word gets a hard break. */
void
tagger_tokenize(struct toks *tk, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t sepflags = T_HARD | T_SENT, fl;
	size_t i = 0, adv, start;
	struct tok *t;
	unsigned k;

	while (i < len) {
		k = byte_class[p[i]];
		adv = 1;
		if (k & BYTE_WORD) {
			fl = k & (T_LOWER | T_UPPER);
			if (fl & T_UPPER)
				fl |= T_CAP;
		} else if (k & BYTE_SEP) {
			sepflags |= k & (T_HARD | T_SENT | T_APOS);
			i++;
			continue;
		} else if (k & BYTE_HYPHEN) {
			/* A hyphen joins words ("Tyler-Sharman"); a dash
			 * between spaces parts them ("Tarvel - Ilse
			 * Draven"). */
			if (i > 0 && p[i - 1] == ' ')
				sepflags |= T_HARD;
			i++;
			continue;
		} else {
			fl = 0;
			if (!wordchar(p + i, len - i, &adv, &fl)) {
				if (!softsep(p + i, len - i, &adv, &sepflags))
					sepflags |= T_HARD;
				i += adv;
				continue;
			}
			if (fl & T_UPPER)
				fl |= T_CAP;
		}
		start = i;
		i = word_end(p, i + adv, len, &fl);
		if (tk->n == tk->cap) {
			tk->cap = tk->cap ? tk->cap * 2 : 256;
			tk->v = xreallocarray(tk->v, tk->cap, sizeof(*tk->v));
		}
		t = &tk->v[tk->n++];
		t->s = s + start;
		t->len = (uint32_t)(i - start);
		t->flags = fl | sepflags;
		fold_token(tk, t);
		sepflags = 0;
	}
}

/* The next word of s from byte i on, as tagger_tokenize() splits it:
 * its first byte (len: none), its end in *end and its T_UPPER, T_LOWER
 * and T_WIDE in *flags. It keeps nothing, for a text read only once. */
size_t
tagger_next_word(const char *s, size_t len, size_t i, size_t *end,
    uint32_t *flags)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t fl, sep = 0;
	size_t adv;
	unsigned k;

	while (i < len) {
		k = byte_class[p[i]];
		adv = 1;
		if (k & BYTE_WORD)
			fl = k & (T_LOWER | T_UPPER);
		else if (k & (BYTE_SEP | BYTE_HYPHEN)) {
			i++;
			continue;
		} else {
			fl = 0;
			if (!wordchar(p + i, len - i, &adv, &fl)) {
				(void)softsep(p + i, len - i, &adv, &sep);
				i += adv;
				continue;
			}
		}
		*end = word_end(p, i + adv, len, &fl);
		*flags = fl;
		return i;
	}
	return len;
}

int
tagger_words_ascii(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t w;
	uint32_t fl;
	size_t i = 0, adv;

	while (i < len) {
		/* Eight bytes at a time: most texts are ASCII. */
		if (i + 8 <= len) {
			memcpy(&w, p + i, 8);
			if (!(w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		fl = 0;
		if (wordchar(p + i, len - i, &adv, &fl))
			return 0;
		i += adv;	/* a whole character: the rest of it
				 * starts none */
	}
	return 1;
}

int
tagger_word_byte(unsigned char c)
{
	return (byte_class[c] & BYTE_WORD) != 0;
}

/* }==== */

/* {==== words of a declaration, hits of a scan */

uint64_t
tagger_fold_hash(const char *word)
{
	struct toks tk = { NULL, 0, 4, BUF_INIT, 0 };
	uint64_t h = 0;

	/* Room for a few words: most calls are for one. */
	tk.v = xreallocarray(NULL, tk.cap, sizeof(*tk.v));
	tagger_tokenize(&tk, word, strlen(word));
	if (tk.n > 0)
		h = tk.v[0].h;
	free(tk.v);
	buf_dispose(&tk.fold);
	return h;
}

struct tagger_hit *
tagger_hit_get(struct tagger_result *r, const char *kind, const char *name,
    const char *origin, int *fresh)
{
	size_t i;

	/* A declared tag's strings are the tagger's own, one copy per
	 * tag: the pointers tell, without comparing the text. */
	for (i = 0; i < r->n; i++)
		if (r->v[i].name == name && r->v[i].kind == kind) {
			*fresh = 0;
			return &r->v[i];
		}
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].name, name) == 0 &&
		    strcmp(r->v[i].kind, kind) == 0) {
			*fresh = 0;
			return &r->v[i];
		}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	memset(&r->v[r->n], 0, sizeof(r->v[0]));
	r->v[r->n].kind = kind;
	r->v[r->n].name = name;
	r->v[r->n].origin = origin;
	*fresh = 1;
	return &r->v[r->n++];
}

/* Keeps the first occurrence, preferring one in the body to one in the
 * title, since links go into the body. */
void
tagger_record(struct tagger_hit *h, int fresh, const struct tok *first,
    const struct tok *last, size_t order, int in_title)
{
	if (fresh || (h->in_title && !in_title)) {
		h->surface = first->s;
		h->surface_len = (size_t)(last->s + last->len - first->s);
		h->in_title = in_title;
	}
	if (fresh)
		h->first = (unsigned)order;
	h->count++;
}

/* }==== */
