/*
 * blocks.c: blocks of a web page classed as prose or furniture
 * (blocks.h). The classing follows the block classifiers that work on
 * the DOM (jusText, boilerpipe), with what plain text still shows:
 * length, sentence ends, function words, capitals, digits, repetition
 * and position.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "parse/blocks.h"
#include "parse/stopwords.h"
#include "core/xalloc.h"

/* Lengths in weighted code points: below SHORT_LEN a block is too
 * short to judge alone, above LONG_LEN prose-like is prose. */
#define SHORT_LEN	70
#define LONG_LEN	200
/* Shares of function words, in per cent of the share in the page's
 * sentences: languages differ in how many of their words are
 * function words, and pages in how well our lists cover theirs. */
#define STOPS_LOW	55
#define STOPS_HIGH	75
/* Below this share (per mille), the page's language is not one we
 * list words of. */
#define STOPS_FLOOR	60
/* What a bad block costs the run it is in, in weighted code points. */
#define BAD_COST	60

/* The length of the UTF-8 sequence led by c (1 for a stray byte). */
static size_t
seq_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* Whether the sequence at p (n bytes) separates words: ASCII other
 * than letters and digits, no-break space, guillemets, middle dot,
 * general punctuation (dashes, quotes, ellipsis) and CJK punctuation. */
static int
separates(const unsigned char *p, size_t n)
{
	if (n == 1)
		return !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'));
	if (n == 2)
		return *p == 0xc2 && (p[1] == 0xa0 || p[1] == 0xab ||
		    p[1] == 0xbb || p[1] == 0xb7);
	if (n == 3)
		return (*p == 0xe2 && (p[1] == 0x80 || p[1] == 0x81)) ||
		    (*p == 0xe3 && p[1] == 0x80) || (*p == 0xef &&
		    p[1] == 0xbc && p[2] <= 0x8f);
	return 0;
}

/* Whether the sequence at p starts with a capital that has a small
 * form: ASCII, Latin-1, Greek, Cyrillic. */
static int
is_capital(const unsigned char *p)
{
	return (*p >= 'A' && *p <= 'Z') ||
	    (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e && p[1] != 0x97) ||
	    (*p == 0xce && p[1] >= 0x91 && p[1] <= 0xa9) ||
	    (*p == 0xd0 && ((p[1] >= 0x90 && p[1] <= 0xaf) || p[1] == 0x81));
}

static int
is_cased(const unsigned char *p)
{
	return is_capital(p) || (*p >= 'a' && *p <= 'z') ||
	    (*p == 0xc3 && p[1] >= 0x9f) || *p == 0xd0 || *p == 0xd1 ||
	    *p == 0xce || *p == 0xcf || (*p >= 0xc4 && *p <= 0xc9);
}

/* Han, kana and Hangul carry a word's sense in one to three signs. */
static int
is_cjk(const unsigned char *p, size_t n)
{
	return n == 3 && ((*p >= 0xe3 && *p <= 0xe9) || (*p >= 0xea &&
	    *p <= 0xed));
}

int
blocks_sentence_end(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *e;

	e = p + strlen(s);
	/* Closing quotes and brackets after the sign. */
	for (;;) {
		while (e > p && (e[-1] == ' ' || e[-1] == '"' ||
		    e[-1] == '\'' || e[-1] == ')'))
			e--;
		if (e - p >= 2 && e[-2] == 0xc2 && e[-1] == 0xbb)
			e -= 2;		/* » */
		else if (e - p >= 3 && e[-3] == 0xe2 && e[-2] == 0x80 &&
		    (e[-1] == 0x9d || e[-1] == 0x99))
			e -= 3;		/* ” ’ */
		else
			break;
	}
	if (e == p)
		return 0;
	if (e[-1] == '.' || e[-1] == '!' || e[-1] == '?')
		return 1;
	if (e - p >= 3 && e[-3] == 0xe2 && e[-2] == 0x80 && e[-1] == 0xa6)
		return 1;	/* … */
	if (e - p >= 3 && e[-3] == 0xe3 && e[-2] == 0x80 && e[-1] == 0x82)
		return 1;	/* 。 */
	if (e - p >= 3 && e[-3] == 0xef && e[-2] == 0xbc &&
	    (e[-1] == 0x81 || e[-1] == 0x9f))
		return 1;	/* ！ ？ */
	return e - p >= 2 && e[-2] == 0xd8 && e[-1] == 0x9f;	/* ؟ */
}

void
blocks_features(struct blocks_feat *out, const char *s, int lang)
{
	const unsigned char *p = (const unsigned char *)s, *w = NULL;
	size_t n;
	unsigned bit = lang >= 0 ? 1u << lang : 0;

	memset(out, 0, sizeof(*out));
	for (;; p += n) {
		n = *p == '\0' ? 0 : seq_len(*p);
		if (n > 1 && strnlen((const char *)p, n) < n)
			n = 1;	/* a sequence cut by the end */
		if (n == 0 || separates(p, n)) {
			if (w != NULL) {
				out->words++;
				if (bit != 0 && (stopwords_langs(
				    (const char *)w, (size_t)(p - w)) & bit))
					out->stops++;
				w = NULL;
			}
			if (n == 0)
				break;
		} else if (w == NULL) {
			w = p;
			if (is_cased(p)) {
				out->cased++;
				out->caps += is_capital(p);
			} else if (*p >= '0' && *p <= '9')
				out->digits++;
		}
		out->cps++;
		out->weight += is_cjk(p, n) ? 3 : 1;
		if (n == 2 && *p == 0xc2 && p[1] == 0xa9)
			out->legal = 1;		/* © */
		else if (*p == '|' || (n == 3 && *p == 0xe2 && p[1] == 0x80 &&
		    p[2] == 0xa2) || (n == 2 && *p == 0xc2 && p[1] == 0xb7))
			out->bars++;		/* | • · */
	}
	out->sentence = blocks_sentence_end(s);
}

int
blocks_page_lang(const char *const *texts, size_t n)
{
	size_t count[STOPWORDS_MAX_LANGS] = { 0 }, words = 0, i, k, best;
	size_t nl = stopwords_count(), budget = 0;
	const unsigned char *p, *w;
	unsigned langs;

	for (i = 0; i < n && budget < 200000; i++) {
		p = (const unsigned char *)texts[i];
		for (;;) {
			while (*p != '\0' && separates(p, seq_len(*p)))
				p += seq_len(*p);
			if (*p == '\0')
				break;
			for (w = p; *p != '\0' && !separates(p, seq_len(*p));)
				p += strnlen((const char *)p, seq_len(*p));
			budget += (size_t)(p - w) + 1;
			words++;
			langs = stopwords_langs((const char *)w,
			    (size_t)(p - w));
			for (k = 0; langs != 0; langs >>= 1, k++)
				count[k] += langs & 1;
		}
	}
	for (best = 0, k = 1; k < nl; k++)
		if (count[k] > count[best])
			best = k;
	return words > 0 && count[best] * 20 >= words ? (int)best : -1;
}

enum blocks_class
blocks_classify(const struct blocks_feat *f, unsigned low, unsigned high,
    unsigned repeats)
{
	size_t stops;

	if (f->legal || f->words == 0)
		return BLOCKS_BAD;
	/* Said again elsewhere on the page: a menu or a teaser. */
	if (repeats > 1 && f->words < 40)
		return BLOCKS_BAD;
	/* Links in a row, set apart by bars or dots. */
	if (f->bars >= 2 && f->bars * 8 >= f->words)
		return BLOCKS_BAD;
	/* Headlines of other stories, names in a menu: most words
	 * capitalised and no sentence. */
	if (!f->sentence && f->cased >= 4 && f->caps * 10 >= f->cased * 7)
		return f->weight < SHORT_LEN ? BLOCKS_BAD : BLOCKS_SHORT;
	/* Scores, times, prices: mostly numbers. */
	if (f->digits * 2 > f->words && f->words >= 3)
		return BLOCKS_BAD;
	if (f->weight < SHORT_LEN)
		return BLOCKS_SHORT;
	/* A script we list no words of: sentences stand for them. */
	if (high == 0) {
		low = high = 1;
		stops = f->sentence;
	} else
		stops = f->stops * 1000 / f->words;
	if (!f->sentence && f->weight < LONG_LEN)
		stops = stops * 3 / 4;
	/* News is often written a sentence or two to a paragraph. */
	if (stops >= high)
		return f->weight >= (f->sentence ? LONG_LEN / 2 : LONG_LEN) ?
		    BLOCKS_GOOD : BLOCKS_NEAR;
	return stops >= low ? BLOCKS_NEAR : BLOCKS_BAD;
}

void
blocks_thresholds(unsigned *low, unsigned *high,
    const struct blocks_feat *f, size_t n)
{
	size_t i, stops = 0, words = 0, r;

	for (i = 0; i < n; i++)
		if (f[i].sentence && f[i].weight >= LONG_LEN) {
			stops += f[i].stops;
			words += f[i].words;
		}
	if (words < 50)
		for (i = 0, stops = words = 0; i < n; i++)
			if (f[i].weight >= SHORT_LEN) {
				stops += f[i].stops;
				words += f[i].words;
			}
	r = words > 0 ? stops * 1000 / words : 0;
	if (r < STOPS_FLOOR) {
		*low = *high = 0;
		return;
	}
	*low = (unsigned)(r * STOPS_LOW / 100);
	*high = (unsigned)(r * STOPS_HIGH / 100);
}

/*
 * The class of the nearest block before (nb) and after (na) each block
 * that is not SHORT, nor NEAR when skip_near; BAD past the page's
 * edges. Two passes, so that a page of many short blocks stays linear.
 */
static void
neighbours(enum blocks_class *nb, enum blocks_class *na,
    const enum blocks_class *cls, size_t n, int skip_near)
{
	enum blocks_class last = BLOCKS_BAD;
	size_t i;

	for (i = 0; i < n; i++) {
		nb[i] = last;
		if (cls[i] != BLOCKS_SHORT &&
		    !(skip_near && cls[i] == BLOCKS_NEAR))
			last = cls[i];
	}
	last = BLOCKS_BAD;
	for (i = n; i-- > 0;) {
		na[i] = last;
		if (cls[i] != BLOCKS_SHORT &&
		    !(skip_near && cls[i] == BLOCKS_NEAR))
			last = cls[i];
	}
}

/* A stretch of near-good and short blocks with no bad one among them,
 * holding as much near-good text as two long paragraphs, is prose
 * written in short paragraphs: its near-good blocks are good. */
static void
promote_near(enum blocks_class *cls, const size_t *weight, size_t n)
{
	size_t i, j, s = 0, near = 0, mass = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && cls[i] != BLOCKS_BAD) {
			if (cls[i] == BLOCKS_NEAR)
				near++, mass += weight[i];
			continue;
		}
		if (near >= 2 && mass >= 2 * LONG_LEN)
			for (j = s; j < i; j++)
				if (cls[j] == BLOCKS_NEAR)
					cls[j] = BLOCKS_GOOD;
		s = i + 1, near = mass = 0;
	}
}

void
blocks_context(enum blocks_class *cls, const size_t *weight, size_t n)
{
	enum blocks_class *out, *b1, *a1, *b0, *a0;
	size_t i;

	promote_near(cls, weight, n);
	out = xcalloc(5 * (n + 1), sizeof(*out));
	b1 = out + n + 1, a1 = b1 + n + 1, b0 = a1 + n + 1, a0 = b0 + n + 1;
	neighbours(b1, a1, cls, n, 1);
	neighbours(b0, a0, cls, n, 0);
	for (i = 0; i < n; i++) {
		out[i] = cls[i];
		if (cls[i] == BLOCKS_SHORT) {
			/* Between two good blocks, good; between a good one
			 * and one near good, good too; else bad. */
			if (b1[i] == BLOCKS_GOOD && a1[i] == BLOCKS_GOOD)
				out[i] = BLOCKS_GOOD;
			else if ((b1[i] == BLOCKS_GOOD && a0[i] ==
			    BLOCKS_NEAR) || (a1[i] == BLOCKS_GOOD &&
			    b0[i] == BLOCKS_NEAR))
				out[i] = BLOCKS_GOOD;
			else
				out[i] = BLOCKS_BAD;
		} else if (cls[i] == BLOCKS_NEAR)
			/* Near good stays unless bad is on both sides. */
			out[i] = b1[i] == BLOCKS_BAD && a1[i] == BLOCKS_BAD ?
			    BLOCKS_BAD : BLOCKS_GOOD;
	}
	memcpy(cls, out, n * sizeof(*cls));
	free(out);
}

void
blocks_main_run(size_t *start, size_t *end, const enum blocks_class *cls,
    const size_t *weight, size_t n)
{
	size_t i, s = 0, k, nseg = 0, *ss, *se;
	long sum = 0, segbest = 0, best = 0, gain, *sv;

	/* The stretches of most good text less bad text (Kadane's maximum
	 * sum, one per stretch where the sum stays above zero): each bad
	 * block costs a fixed price and a share of its text, so that a few
	 * stray lines inside a story (an embedded post, an image's credit)
	 * do not cut it, and a menu of many lines or a long legal notice
	 * does. */
	ss = xcalloc(2 * (n + 1), sizeof(*ss));
	se = ss + n + 1;
	sv = xcalloc(n + 1, sizeof(*sv));
	for (i = 0; i <= n; i++) {
		gain = i == n ? -1 : cls[i] == BLOCKS_GOOD ?
		    (long)weight[i] : -(BAD_COST + (long)weight[i] / 2);
		if (sum + gain <= 0 || i == n) {
			if (segbest > 0) {
				sv[nseg] = segbest, nseg++;
				if (segbest > best)
					best = segbest;
			}
			sum = segbest = 0;
			s = i + 1;
			continue;
		}
		sum += gain;
		if (sum > segbest)
			segbest = sum, ss[nseg] = s, se[nseg] = i + 1;
	}
	/* The story is read from the top: the first stretch with half the
	 * largest one's text, not a long notice or comments under it. */
	*start = *end = n;
	for (k = 0; k < nseg; k++)
		if (sv[k] * 2 >= best) {
			*start = ss[k], *end = se[k];
			break;
		}
	free(sv);
	free(ss);
}

/* How many times each text is on the page, by hash of its text. */
static void
count_repeats(unsigned *rep, const char *const *texts, size_t n)
{
	uint64_t *h, *tab;
	unsigned *cnt;
	size_t i, j, cap = 16, mask;

	while (cap < 2 * n)
		cap *= 2;
	mask = cap - 1;
	h = xcalloc(n + 1, sizeof(*h));
	tab = xcalloc(cap, sizeof(*tab));
	cnt = xcalloc(cap, sizeof(*cnt));
	for (i = 0; i < n; i++) {
		h[i] = XXH3_64bits(texts[i], strlen(texts[i])) | 1;
		for (j = h[i] & mask; tab[j] != 0 && tab[j] != h[i];)
			j = (j + 1) & mask;
		tab[j] = h[i];
		cnt[j]++;
	}
	for (i = 0; i < n; i++) {
		for (j = h[i] & mask; tab[j] != h[i];)
			j = (j + 1) & mask;
		rep[i] = cnt[j];
	}
	free(cnt);
	free(tab);
	free(h);
}

/* A sentence of some words, said once, with half the function words
 * that furniture lacks (names crowd some sentences). */
static int
is_sentence(const struct blocks_feat *f, unsigned low, unsigned repeats)
{
	return f->sentence && !f->legal && repeats <= 1 && f->words >= 6 &&
	    f->stops * 2000 >= low * f->words;
}

void
blocks_judge(enum blocks_class *cls, size_t *start, size_t *end,
    const char *const *texts, size_t n)
{
	struct blocks_feat *f;
	unsigned *rep, low, high;
	size_t *weight, i;
	int lang = blocks_page_lang(texts, n);

	rep = xcalloc(n + 1, sizeof(*rep));
	weight = xcalloc(n + 1, sizeof(*weight));
	f = xcalloc(n + 1, sizeof(*f));
	count_repeats(rep, texts, n);
	for (i = 0; i < n; i++) {
		blocks_features(&f[i], texts[i], lang);
		weight[i] = f[i].weight;
	}
	blocks_thresholds(&low, &high, f, n);
	for (i = 0; i < n; i++)
		cls[i] = blocks_classify(&f[i], low, high, rep[i]);
	blocks_context(cls, weight, n);
	blocks_main_run(start, end, cls, weight, n);
	/* Inside the story, and right before or after it, a sentence is
	 * the story's. */
	while (*start < n && *start > 0 &&
	    is_sentence(&f[*start - 1], low, rep[*start - 1]))
		(*start)--;
	while (*end < n && is_sentence(&f[*end], low, rep[*end]))
		(*end)++;
	for (i = *start; i < *end; i++)
		if (cls[i] == BLOCKS_BAD && is_sentence(&f[i], low, rep[i]))
			cls[i] = BLOCKS_GOOD;
	free(f);
	free(weight);
	free(rep);
}
