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
#include "parse/dates.h"
#include "parse/stopwords.h"
#include "parse/text.h"
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
/* A comment's heading (a name and a date) is a short line; a thread is
 * three or more of them, each a few blocks after the last. */
#define THREAD_WORDS	12
#define THREAD_GAP	12
/* What a bad block costs the run it is in, in weighted code points. */
#define BAD_COST	60
/* A "label: value" row (blocks_label_line) within LIKE_WORDS words;
 * LIKE_ROWS rows make a table. */
#define LIKE_WORDS	16
#define LIKE_ROWS	4
/* Short blocks in a row that make furniture whatever is around them. */
#define SHORT_RUN	5
/* A commenter's name over a comment: a word or a few, all capitalised. */
#define NAME_WORDS	4
/* How far past the story a quoted post may close. */
#define EMBED_GAP	6
/* A photo's caption says more than a byline does. */
#define CAPTION_WORDS	12
/* A photo's credit closing a caption, in parentheses: at most
 * CREDIT_WORDS words in CREDIT_BYTES bytes. */
#define CREDIT_WORDS	6
#define CREDIT_BYTES	60
/* How far into a block a headline glued to its teaser is looked for. */
#define GLUE_WORDS	30

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

/* Whether s ends in an ellipsis, as an excerpt does. */
static int
cut_short(const char *s)
{
	size_t len = strlen(s);

	while (len > 0 && s[len - 1] == ' ')
		len--;
	return (len >= 3 && memcmp(s + len - 3, "\xe2\x80\xa6", 3) == 0) ||
	    (len >= 3 && memcmp(s + len - 3, "...", 3) == 0);
}

/* Whether the token [w, e) holds a lower-case letter, digit or closing
 * sign glued to a capital that starts a word, at least four bytes in:
 * "SteakhouseA", "250,000The", "Rise?Violence" (not "MacBook"). */
static int
glued_at(const char *w, const char *e)
{
	const char *p;

	for (p = w + 4; p < e; p++)
		if (*p >= 'A' && *p <= 'Z' && ((p[-1] >= 'a' &&
		    p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9') ||
		    p[-1] == ')' || p[-1] == '?' || p[-1] == '!') &&
		    (p + 1 == e || (p[1] >= 'a' && p[1] <= 'z')))
			return 1;
	return 0;
}

/* Whether the words of s read as a sentence after a headline: four or
 * more, at most half of the first few capitalised. */
static int
sentence_case(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, cased = 0, caps = 0;

	while (n < 6) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		n++;
		if (is_cased(p)) {
			cased++;
			caps += is_capital(p);
		}
		while (*p != '\0' && *p != ' ')
			p++;
	}
	return n >= 4 && caps * 2 <= cased;
}

int
blocks_glued_headline(const char *s)
{
	const char *p = s, *w;
	size_t cased = 0, caps = 0, n;

	for (n = 0; n < GLUE_WORDS; n++) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return 0;
		for (w = p; *p != '\0' && *p != ' ';)
			p++;
		if (is_cased((const unsigned char *)w)) {
			cased++;
			caps += is_capital((const unsigned char *)w);
		}
		if (p - w > 4 && glued_at(w, p))
			return cased >= 4 && caps * 4 >= cased * 3 &&
			    sentence_case(p);
	}
	return 0;
}

int
blocks_credit_tail(const char *s)
{
	const char *open, *close, *p, *colon;
	size_t len = strlen(s), words = 0, upper = 0, lower = 0;
	int after_sentence;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len < 4 || s[len - 1] != ')')
		return 0;
	close = s + len - 1;
	for (open = close; open > s && open[-1] != '(' && open[-1] != ')';)
		open--;
	if (open == s || open[-1] != '(' || close - open > CREDIT_BYTES)
		return 0;
	for (p = open; p < close; p++) {
		if (*p != ' ' && *p != '/' && (p == open || p[-1] == ' ' ||
		    p[-1] == '/'))
			words++;
		upper += *p >= 'A' && *p <= 'Z';
		lower += (*p >= 'a' && *p <= 'z') || (unsigned char)*p >= 0x80;
	}
	if (words == 0 || words > CREDIT_WORDS)
		return 0;
	/* "(Photo: Name)": a label of a word or two, a colon, a name. */
	colon = memchr(open, ':', (size_t)(close - open));
	if (colon != NULL && colon > open) {
		for (p = open, words = 1; p < colon; p++)
			words += *p == ' ' && p[1] != ':';
		for (p = colon + 1; p < close && *p == ' ';)
			p++;
		if (words <= 2 && p < close)
			return 1;
	}
	/* After the last sentence, an agency in capitals ("(AP)") or a
	 * credit with a slash ("(Agency Photo/Name)"). */
	for (p = open - 1; p > s && p[-1] == ' ';)
		p--;
	after_sentence = p > s && (p[-1] == '.' || p[-1] == '!' ||
	    p[-1] == '?');
	return after_sentence && ((upper >= 2 && lower == 0) ||
	    memchr(open, '/', (size_t)(close - open)) != NULL);
}

/*
 * The stop-word lists of every word of a page, gathered in the one pass
 * that measures its blocks: the page's language is known only once all
 * of them are read, and each block's share of that language's function
 * words is then counted from here instead of reading the page again.
 */
struct tally {
	uint32_t	*mask;	/* the nonzero masks, block after block */
	size_t		 n;
	size_t		*first;	/* block i: mask[first[i], first[i + 1]) */
	size_t		*bytes;	/* block i: its words' bytes, each + 1 */
};

/* The page's language is judged on its first PAGE_LANG_BYTES of words:
 * enough to tell, and bounded on a huge page. */
#define PAGE_LANG_BYTES	200000

/* blocks_features(), and, when t is not NULL, block i's words' masks
 * added to t. */
static void
scan(struct blocks_feat *out, const char *s, int lang, struct tally *t,
    size_t i)
{
	const unsigned char *p = (const unsigned char *)s, *w = NULL;
	size_t n;
	unsigned bit = lang >= 0 ? 1u << lang : 0, langs;

	memset(out, 0, sizeof(*out));
	if (t != NULL)
		t->first[i] = t->n;
	for (;; p += n) {
		/* Inside a word, a run of ASCII letters and digits changes
		 * nothing but the counts: taken in one loop. */
		if (w != NULL)
			for (; (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
			    *p <= 'Z') || (*p >= '0' && *p <= '9'); p++) {
				out->cps++;
				out->weight++;
			}
		n = *p == '\0' ? 0 : seq_len(*p);
		if (n > 1 && strnlen((const char *)p, n) < n)
			n = 1;	/* a sequence cut by the end */
		if (n == 0 || separates(p, n)) {
			if (w != NULL) {
				out->words++;
				langs = bit != 0 || t != NULL ?
				    stopwords_langs((const char *)w,
				    (size_t)(p - w)) : 0;
				out->stops += (langs & bit) != 0;
				if (t != NULL) {
					t->bytes[i] += (size_t)(p - w) + 1;
					if (langs != 0) {
						t->mask = xgrow(t->mask, t->n,
						    sizeof(*t->mask));
						t->mask[t->n++] = langs;
					}
				}
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
	if (t != NULL)
		t->first[i + 1] = t->n;
	out->sentence = text_sentence_end(s);
	out->cut = cut_short(s);
	out->glued = blocks_glued_headline(s);
	out->credit = blocks_credit_tail(s);
}

void
blocks_features(struct blocks_feat *out, const char *s, int lang)
{
	scan(out, s, lang, NULL, 0);
}

/* The features of the n texts into f (stops left 0) and their words'
 * masks into t (which the caller disposes of with tally_dispose()). */
static void
scan_page(struct blocks_feat *f, struct tally *t, const char *const *texts,
    size_t n)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->first = xcalloc(n + 1, sizeof(*t->first));
	t->bytes = xcalloc(n + 1, sizeof(*t->bytes));
	for (i = 0; i < n; i++)
		scan(&f[i], texts[i], -1, t, i);
}

static void
tally_dispose(struct tally *t)
{
	free(t->mask);
	free(t->first);
	free(t->bytes);
}

/* blocks_page_lang() from a page's tally. */
static int
tally_lang(const struct tally *t, const struct blocks_feat *f, size_t n)
{
	size_t count[STOPWORDS_MAX_LANGS] = { 0 }, words = 0, i, j, k, best;
	size_t nl = stopwords_count(), budget = 0;
	unsigned langs;

	for (i = 0; i < n && budget < PAGE_LANG_BYTES; i++) {
		budget += t->bytes[i];
		words += f[i].words;
		for (j = t->first[i]; j < t->first[i + 1]; j++)
			for (langs = t->mask[j], k = 0; langs != 0;
			    langs >>= 1, k++)
				count[k] += langs & 1;
	}
	for (best = 0, k = 1; k < nl; k++)
		if (count[k] > count[best])
			best = k;
	return words > 0 && count[best] * 20 >= words ? (int)best : -1;
}

int
blocks_page_lang(const char *const *texts, size_t n)
{
	struct blocks_feat *f = xcalloc(n + 1, sizeof(*f));
	struct tally t;
	int lang;

	scan_page(f, &t, texts, n);
	lang = tally_lang(&t, f, n);
	tally_dispose(&t);
	free(f);
	return lang;
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
	/* A headline run into its teaser: a card of another story. */
	if (f->glued)
		return BLOCKS_BAD;
	/* A photo's caption closed by its credit is no part of the text,
	 * and says nothing of its neighbours: left to them, then put
	 * aside (blocks_judge). */
	if (f->credit)
		return BLOCKS_SHORT;
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
	/* A paragraph cut short: an excerpt of another page. */
	if (f->cut)
		return BLOCKS_BAD;
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

/* Whether s starts with a lower-case letter (Latin or Cyrillic). */
static int
starts_lower(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	return is_cased(p) && !is_capital(p);
}

/* Whether s ends in a colon (spaces after it aside). */
static int
ends_colon(const char *s)
{
	size_t len = strlen(s);

	while (len > 0 && s[len - 1] == ' ')
		len--;
	return len > 0 && s[len - 1] == ':';
}

/* Many short blocks in a row (SHORT_RUN or more) are menus, forms and
 * prompts however good their neighbours, unless a line ending in a
 * colon announces them or most of them start in lower case (a list
 * inside the story). */
static void
short_runs(enum blocks_class *cls, const char *const *texts, size_t n)
{
	size_t i, j, k = 0, lower = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && cls[i] == BLOCKS_SHORT) {
			k++;
			lower += starts_lower(texts[i]);
			continue;
		}
		if (k >= SHORT_RUN && lower * 2 < k && !(i - k > 0 &&
		    ends_colon(texts[i - k - 1])))
			for (j = i - k; j < i; j++)
				cls[j] = BLOCKS_BAD;
		k = lower = 0;
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

void
blocks_repeats(unsigned *rep, const char *const *texts, size_t n)
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

/* A short line with a date, not a quotation's attribution ("— Name,
 * date"): the heading of a comment. */
static int
comment_heading(const char *s, size_t words)
{
	char d[11];

	return words > 0 && words <= THREAD_WORDS &&
	    strncmp(s, "\xe2\x80\x94", 3) != 0 &&
	    strncmp(s, "\xe2\x80\x93", 3) != 0 &&
	    dates_find(d, s, strlen(s)) > 0;
}

/* "— Name (@name) 9 October 2031": the line that closes a quoted post. */
static int
attribution(const char *s, size_t words)
{
	char d[11];

	return words > 0 && words <= THREAD_WORDS &&
	    (strncmp(s, "\xe2\x80\x94", 3) == 0 ||
	    strncmp(s, "\xe2\x80\x93", 3) == 0) &&
	    dates_find(d, s, strlen(s)) > 0;
}

size_t
blocks_thread_start(const char *const *texts, const size_t *words,
    const enum blocks_class *cls, size_t n)
{
	size_t i, first = n, last = 0, k = 0;
	int good = 0, good_before = 0;

	for (i = 0; i < n; i++) {
		if (!comment_heading(texts[i], words[i])) {
			good |= cls[i] == BLOCKS_GOOD;
			continue;
		}
		/* A dated line above the story (its own date) starts no
		 * thread: one after a good block does. */
		if (k == 0 || i - last > THREAD_GAP || good != good_before) {
			first = i, k = 0;
			good_before = good;
		}
		last = i;
		if (++k >= 3 && good_before)
			return first;
	}
	return n;
}

int
blocks_name_line(const struct blocks_feat *f)
{
	return f->words >= 1 && f->words <= NAME_WORDS &&
	    f->cased == f->words && f->caps == f->cased && f->digits == 0 &&
	    !f->sentence && !f->legal && f->bars == 0 &&
	    f->weight < SHORT_LEN / 2;
}

size_t
blocks_name_thread(const struct blocks_feat *f, const unsigned *rep,
    const enum blocks_class *cls, size_t n)
{
	size_t i, first = n, last = 0, k = 0, total = 0, above = 0;
	int again = 0;

	for (i = 0; i < n; i++)
		total += cls[i] == BLOCKS_GOOD ? f[i].weight : 0;
	for (i = 0; i + 1 < n; i++) {
		above += cls[i] == BLOCKS_GOOD ? f[i].weight : 0;
		if (!blocks_name_line(&f[i]) || cls[i + 1] != BLOCKS_GOOD)
			continue;
		/* A thread opens under most of the good text (the story),
		 * after its furniture (a share bar, a box about the
		 * author), not right under its text as a speaker's name in
		 * a transcript does. */
		if (k == 0 || i - last > THREAD_GAP) {
			k = 0;
			if (i == 0 || cls[i - 1] == BLOCKS_GOOD ||
			    above * 2 <= total)
				continue;
			first = i, again = 0;
		}
		last = i;
		k++;
		again |= rep[i] > 1;
		if (k >= 3 && again)
			return first;
	}
	return n;
}

/* Rows of "label: value" lines, LIKE_ROWS or more in a row, are a table
 * or a list written out (qualified teams, a calendar): prose-like until
 * their neighbours say otherwise. */
static void
label_rows(enum blocks_class *cls, const struct blocks_feat *f,
    const unsigned *rep, const char *const *texts, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i = j + 1) {
		for (j = i; j < n && !f[j].legal && rep[j] <= 1 &&
		    f[j].words <= LIKE_WORDS && blocks_label_line(texts[j]);)
			j++;
		if (j - i >= LIKE_ROWS)
			for (; i < j; i++)
				if (cls[i] != BLOCKS_GOOD)
					cls[i] = BLOCKS_NEAR;
	}
}

/* A sentence of some words, said once, with half the function words
 * that furniture lacks (names crowd some sentences). */
static int
is_sentence(const struct blocks_feat *f, unsigned low, unsigned repeats)
{
	return f->sentence && !f->legal && repeats <= 1 && f->words >= 6 &&
	    f->stops * 2000 >= low * f->words;
}

/* Whether the blocks right above start announce it: a line ending in a
 * colon ("the results after ten rounds:"), maybe with a table's header
 * row under it; how many blocks they are (0: none). */
static size_t
announces(const char *const *texts, const struct blocks_feat *f,
    const unsigned *rep, size_t start)
{
	size_t k;

	for (k = 1; k <= 2 && k <= start; k++) {
		const struct blocks_feat *g = &f[start - k];

		if (g->legal || rep[start - k] > 1 || g->words == 0 ||
		    g->sentence || g->words > 40)
			return 0;
		if (ends_colon(texts[start - k]) && g->words >= 3)
			return k;
	}
	return 0;
}

void
blocks_judge(enum blocks_class *cls, size_t *start, size_t *end,
    const char *const *texts, size_t n)
{
	struct blocks_feat *f;
	unsigned *rep, low, high;
	size_t *weight, *words, i, k;
	unsigned char *list;
	struct tally t;
	int lang;

	rep = xcalloc(n + 1, sizeof(*rep));
	weight = xcalloc(n + 1, sizeof(*weight));
	words = xcalloc(n + 1, sizeof(*words));
	f = xcalloc(n + 1, sizeof(*f));
	blocks_repeats(rep, texts, n);
	/* One reading of the page: the features, then the share of the
	 * page's language's function words from the words' masks. */
	scan_page(f, &t, texts, n);
	if ((lang = tally_lang(&t, f, n)) >= 0)
		for (i = 0; i < n; i++)
			for (k = t.first[i]; k < t.first[i + 1]; k++)
				f[i].stops += (t.mask[k] >> lang) & 1;
	tally_dispose(&t);
	for (i = 0; i < n; i++)
		weight[i] = f[i].weight;
	blocks_thresholds(&low, &high, f, n);
	for (i = 0; i < n; i++)
		cls[i] = blocks_classify(&f[i], low, high, rep[i]);
	label_rows(cls, f, rep, texts, n);
	short_runs(cls, texts, n);
	blocks_context(cls, weight, n);
	/* The comments under a story are prose too, but none of it. */
	for (i = 0; i < n; i++)
		words[i] = f[i].words;
	/* A numbered list (a calendar, a table of results, the items of a
	 * guide) is the story's however short its lines. */
	list = xcalloc(n + 1, 1);
	if (blocks_lists(list, texts, n) > 0)
		for (i = 0; i < n; i++)
			if (list[i])
				cls[i] = BLOCKS_GOOD;
	/* A photo's caption is neither the story's text nor furniture that
	 * parts it: it weighs nothing in the run, and is no part of it. */
	for (i = 0; i < n; i++)
		if (f[i].credit && !f[i].legal && rep[i] <= 1 && !list[i])
			cls[i] = BLOCKS_GOOD, weight[i] = 0;
	free(list);
	i = blocks_thread_start(texts, words, cls, n);
	if ((k = blocks_name_thread(f, rep, cls, n)) < i)
		i = k;
	for (; i < n; i++)
		cls[i] = BLOCKS_BAD;
	blocks_main_run(start, end, cls, weight, n);
	for (i = 0; i < n; i++)
		if (f[i].credit && weight[i] == 0)
			cls[i] = BLOCKS_BAD;
	/* Inside the story, and right before or after it, a sentence is
	 * the story's. */
	while (*start < n && *start > 0) {
		if (is_sentence(&f[*start - 1], low, rep[*start - 1]))
			(*start)--;
		else if ((k = announces(texts, f, rep, *start)) > 0)
			*start -= k;
		/* A lead above the photo, its caption between (longer
		 * than a byline or a date line). */
		else if (*start >= 2 && !f[*start - 1].sentence &&
		    f[*start - 1].words >= CAPTION_WORDS &&
		    cls[*start - 2] == BLOCKS_GOOD &&
		    is_sentence(&f[*start - 2], low, rep[*start - 2]))
			*start -= 2;
		else
			break;
	}
	for (;;) {
		while (*end < n && is_sentence(&f[*end], low, rep[*end]))
			(*end)++;
		/* A post quoted under the story ends with its attribution:
		 * what comes before it is the quote. */
		for (i = *end; i < n && i < *end + EMBED_GAP &&
		    !f[i].legal && !attribution(texts[i], f[i].words); i++)
			;
		if (i == n || i == *end + EMBED_GAP || f[i].legal)
			break;
		while (*end <= i)
			cls[(*end)++] = BLOCKS_GOOD;
	}
	/* However often the page says it: a question asked of each guest,
	 * a refrain (a copy said twice in the story is dropped later). */
	for (i = *start; i < *end; i++)
		if (cls[i] == BLOCKS_BAD && !f[i].credit &&
		    is_sentence(&f[i], low, 1))
			cls[i] = BLOCKS_GOOD;
	free(f);
	free(words);
	free(weight);
	free(rep);
}
