/*
 * related_text.c: words and sketches of texts for related.c: the
 * tokenizer (case-folded, accents stripped, with what tells names from
 * other words) and one-permutation MinHash over shingles.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <xxhash.h>

#include "related/related_int.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define STEM_CHARS	5	/* letters of a word that shingles compare */
#define SHINGLE		4	/* words per shingle */
#define WORD_MAX	96	/* bytes of a folded word that count */

/* {==== words ====} */

struct word {
	char		 buf[WORD_MAX + 16];
	size_t		 nb;
	size_t		 stem_nb;
	const char	*src;
	size_t		 nchars;
	unsigned	 flags;
};

enum cls { CLS_SEP, CLS_WORD, CLS_MARK, CLS_IDEO };

/* Which of the ASCII letters and digits (classify()'s CLS_WORD below
 * 0x80) byte c is; 0 for any other byte. */
enum { ASCII_DIGIT = 1, ASCII_UPPER = 2, ASCII_LOWER = 4 };

static inline unsigned
ascii_word(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return ASCII_DIGIT;
	if (c >= 'A' && c <= 'Z')
		return ASCII_UPPER;
	return c >= 'a' && c <= 'z' ? ASCII_LOWER : 0;
}

static enum cls
classify(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z') ? CLS_WORD : CLS_SEP;
	/* Scripts written without spaces: every ideograph is a word. */
	if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFF))
		return CLS_IDEO;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return CLS_WORD;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return CLS_MARK;
	default:
		return CLS_SEP;
	}
}

/*
 * Whether the word after cp opens a sentence (prev is the character
 * before cp). A quotation opens one; a closing quote does not: in
 * `"... any more," Reuel said` the name is no sentence's first word.
 */
static int
opens_sentence(int32_t cp, int32_t prev)
{
	if (cp == '"')
		return prev == ' ' || prev == '\n' || prev == '\t' ||
		    prev == '(' || prev == 0;
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' ||
	    cp == 0x201C || cp == 0xAB || cp == 0xBB;
}

/* Appends cp to w case-folded, without accents. */
static void
fold(struct word *w, int32_t cp)
{
	utf8proc_int32_t out[8];
	utf8proc_ssize_t k, i;
	int bc = 0;

	if (w->nchars == 0) {
		if ((cp >= 'A' && cp <= 'Z') ||
		    (cp >= 0x80 && utf8proc_isupper(cp)))
			w->flags |= TOK_CAP;
	}
	if ((cp >= 'a' && cp <= 'z') || (cp >= 0x80 && utf8proc_islower(cp)))
		w->flags |= TOK_LOWER;
	if (!(cp >= '0' && cp <= '9'))
		w->flags &= ~(unsigned)TOK_NUM;
	if (cp < 0x80) {
		if (w->nb < WORD_MAX)
			w->buf[w->nb++] = (char)(cp >= 'A' && cp <= 'Z' ?
			    cp + 'a' - 'A' : cp);
	} else {
		k = utf8proc_decompose_char(cp, out, 8, UTF8PROC_CASEFOLD |
		    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &bc);
		for (i = 0; i < k && i < 8 && w->nb < WORD_MAX; i++)
			w->nb += (size_t)utf8proc_encode_char(out[i],
			    (utf8proc_uint8_t *)w->buf + w->nb);
	}
	if (++w->nchars == STEM_CHARS)
		w->stem_nb = w->nb;
}

/* Ends the word in w; its stem is hashed only when asked for (stems):
 * only shingles compare stems. */
static void
word_end(struct tokv *tv, struct word *w, const char *end, int *start,
    int stems)
{
	struct tok *t;

	if (w->nchars == 0)
		return;
	ARRAY_GROW(tv->v, tv->n, tv->cap);
	t = &tv->v[tv->n++];
	t->full = XXH3_64bits_withSeed(w->buf, w->nb, SEED_WORD);
	t->stem = stems && w->nchars > STEM_CHARS ?
	    XXH3_64bits_withSeed(w->buf, w->stem_nb, SEED_WORD) : t->full;
	t->src = w->src;
	t->len = (uint32_t)(end - w->src);
	t->nchars = (uint16_t)(w->nchars > 0xFFFF ? 0xFFFF : w->nchars);
	t->flags = (uint16_t)(w->flags | (*start ? TOK_START : 0));
	*start = 0;
	w->nb = w->stem_nb = w->nchars = 0;
	w->flags = TOK_NUM;
}

/* Appends the words of s to tv, with their stems when stems is set. */
static void
tokenize(struct tokv *tv, const char *s, int stems)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	const utf8proc_uint8_t *end = p + strlen(s);
	struct word w;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t n0, nb, nchars;
	int32_t prev = 0;
	unsigned seen;
	int start = 1, plain = 0;

	w.nb = w.stem_nb = w.nchars = 0;
	w.flags = TOK_NUM;
	w.src = s;
	while (p < end) {
		/* A run of ASCII letters and digits, folded as fold() would
		 * fold them one by one: most of a text, and worth no call.
		 * The string ends in a NUL, which is no letter. */
		if (ascii_word(*p)) {
			if (w.nchars == 0) {
				w.src = (const char *)p;
				if (plain)
					w.flags |= TOK_GLUE;
				if (ascii_word(*p) == ASCII_UPPER)
					w.flags |= TOK_CAP;
			}
			seen = 0;
			nb = w.nb;
			nchars = w.nchars;
			do {
				cp = *p++;
				seen |= ascii_word(cp);
				/* Sets the case bit of a letter; a digit has
				 * it already. */
				if (nb < WORD_MAX)
					w.buf[nb++] = (char)(cp | 0x20);
				if (++nchars == STEM_CHARS)
					w.stem_nb = nb;
			} while (ascii_word(*p));
			w.nb = nb;
			w.nchars = nchars;
			if (seen & ASCII_LOWER)
				w.flags |= TOK_LOWER;
			if (seen & ~(unsigned)ASCII_DIGIT)
				w.flags &= ~(unsigned)TOK_NUM;
			prev = cp;
			continue;
		}
		if (*p < 0x80) {
			cp = *p;
			k = 1;
		} else if ((k = utf8_next((const char *)p, (size_t)(end - p),
		    &cp)) < 0) {
			cp = 0xFFFD;
			k = 1;
		}
		switch (classify(cp)) {
		case CLS_WORD:
			if (w.nchars == 0) {
				w.src = (const char *)p;
				if (plain)
					w.flags |= TOK_GLUE;
			}
			fold(&w, cp);
			break;
		case CLS_MARK:
			break;
		case CLS_IDEO:
			word_end(tv, &w, (const char *)p, &start, stems);
			w.src = (const char *)p;
			fold(&w, cp);
			word_end(tv, &w, (const char *)p + k, &start, stems);
			break;
		case CLS_SEP:
			n0 = tv->n;
			word_end(tv, &w, (const char *)p, &start, stems);
			if (tv->n != n0)
				plain = 1;
			if (cp != ' ')
				plain = 0;
			if (opens_sentence(cp, prev))
				start = 1;
			break;
		}
		prev = cp;
		p += k;
	}
	word_end(tv, &w, (const char *)end, &start, stems);
}

void
related_tokenize(struct tokv *tv, const char *s)
{
	tokenize(tv, s, 1);
}

void
related_words(struct tokv *tv, const char *s)
{
	tokenize(tv, s, 0);
}

/*
 * The i-th block of text of a: the title, the body in order, then (with
 * lines) the lines taken out as boilerplate: a copy must be known even
 * when the parser cut its body differently, and short boilerplate makes
 * no shingles.
 */
const char *
related_block(const struct article *a, size_t i, int lines)
{
	size_t nbody = article_nblocks(a);
	enum block_kind kind;

	if (i == 0)
		return a->title != NULL ? a->title : "";
	i--;
	if (i < nbody)
		return article_block(a, i, &kind);
	i -= nbody;
	return lines && i < a->boilerplate.n ? a->boilerplate.v[i] : NULL;
}

/* {==== sketches ====} */

/*
 * One-permutation MinHash: each shingle falls in one of SIG bins by its
 * top bits and each bin keeps its least value; an empty bin borrows from
 * the next full one (rotation), so that short texts still compare.
 * Returns the number of shingles (0: no sketch).
 */
uint32_t
related_sketch(uint32_t *sig, const struct article *a, struct tokv *tv)
{
	uint64_t min[SIG], st[SHINGLE], h, lo;
	const char *s;
	size_t i, j, b, d;
	uint32_t nsh = 0;

	for (b = 0; b < SIG; b++)
		min[b] = UINT64_MAX;
	for (i = 0; (s = related_block(a, i, 1)) != NULL; i++) {
		tv->n = 0;
		related_tokenize(tv, s);
		for (j = 0; j + SHINGLE <= tv->n; j++) {
			for (d = 0; d < SHINGLE; d++)
				st[d] = tv->v[j + d].stem;
			h = XXH3_64bits_withSeed(st, sizeof(st), SEED_SHINGLE);
			lo = h & (UINT64_MAX >> 7);
			if (lo < min[h >> 57])
				min[h >> 57] = lo;
			nsh++;
		}
	}
	if (nsh == 0)
		return 0;
	for (b = 0; b < SIG; b++) {
		for (d = 0; min[(b + d) % SIG] == UINT64_MAX; d++)
			;
		lo = min[(b + d) % SIG];
		sig[b] = d == 0 ? (uint32_t)(lo ^ (lo >> 32)) :
		    (uint32_t)XXH3_64bits_withSeed(&lo, sizeof(lo),
		    SEED_DENSE + d);
	}
	return nsh;
}

/* {==== exact resemblance ====} */

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/*
 * The distinct shingles of the title and body of a (the shingles of the
 * sketch, without the boilerplate lines, which differ from outlet to
 * outlet), sorted, in *v (grown as needed, *cap its room); returns how
 * many.
 */
size_t
related_shingle_set(uint64_t **v, size_t *cap, const struct article *a,
    struct tokv *tv)
{
	uint64_t st[SHINGLE];
	const char *s;
	size_t i, j, d, n = 0, u;

	for (i = 0; (s = related_block(a, i, 0)) != NULL; i++) {
		tv->n = 0;
		related_tokenize(tv, s);
		for (j = 0; j + SHINGLE <= tv->n; j++) {
			for (d = 0; d < SHINGLE; d++)
				st[d] = tv->v[j + d].stem;
			ARRAY_GROW(*v, n, *cap);
			(*v)[n++] = XXH3_64bits_withSeed(st, sizeof(st),
			    SEED_SHINGLE);
		}
	}
	if (n < 2)
		return n;
	sort_array(*v, n, sizeof(**v), cmp_u64);
	for (i = u = 1; i < n; i++)
		if ((*v)[i] != (*v)[u - 1])
			(*v)[u++] = (*v)[i];
	return u;
}

/* |A & B| / |A | B| of two sorted sets; 0 when both are empty. */
double
related_resemblance(const uint64_t *a, size_t na, const uint64_t *b,
    size_t nb)
{
	size_t i = 0, j = 0, both = 0;

	while (i < na && j < nb)
		if (a[i] < b[j])
			i++;
		else if (b[j] < a[i])
			j++;
		else {
			both++;
			i++;
			j++;
		}
	return na + nb > both ? (double)both / (double)(na + nb - both) : 0;
}
