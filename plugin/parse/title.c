/* title.c: a title from the lead sentence (title.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "parse/stopwords.h"
#include "parse/title.h"

/* Ideographs and kana are written without spaces: each counts as half a
 * word, as extract_words() counts them. */
static int
is_cjk(int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 &&
	    cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff);
}

static int
is_upper_ascii(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Whether the full stop at s[i] closes an abbreviation or an initial
 * rather than a sentence: the word before it is one capital letter
 * ("J."), holds a full stop itself ("U.S."), or is a capitalised word of
 * at most three letters and no vowel ("Mr.", "Dr.", "St."), as
 * abbreviations of titles are written. */
static int
is_abbrev(const char *s, size_t i)
{
	size_t w = i, k;

	while (w > 0 && s[w - 1] != ' ')
		w--;
	if (i == w)
		return 0;
	if (memchr(s + w, '.', i - w) != NULL || i - w == 1)
		return 1;
	if (!is_upper_ascii(s[w]) || i - w > 3)
		return 0;
	for (k = w + 1; k < i; k++)
		if (s[k] < 'a' || s[k] > 'z' || strchr("aeiouy", s[k]) != NULL)
			return 0;
	return 1;
}

size_t
title_sentence_len(const char *s)
{
	size_t i, len = strlen(s);
	int32_t cp;
	int n;

	for (i = 0; i < len; i += (size_t)n) {
		if ((n = utf8_next(s + i, len - i, &cp)) < 0) {
			n = 1;
			continue;
		}
		if (cp == 0x3002 || cp == 0xff01 || cp == 0xff1f)
			return i + (size_t)n;
		if (cp != '.' && cp != '!' && cp != '?' && cp != 0x2026)
			continue;
		if (i + (size_t)n < len && s[i + n] != ' ')
			continue;
		if (cp == '.' && is_abbrev(s, i))
			continue;
		return i + (size_t)n;
	}
	return len;
}

/* Trailing spaces and the punctuation that cannot end a title. */
static size_t
trim_end(const char *s, size_t n)
{
	while (n > 0 && strchr(" ,;:-(\"'", s[n - 1]) != NULL)
		n--;
	/* An en or em dash left at the cut. */
	while (n >= 3 && (unsigned char)s[n - 3] == 0xe2 &&
	    (unsigned char)s[n - 2] == 0x80 &&
	    ((unsigned char)s[n - 1] == 0x93 ||
	    (unsigned char)s[n - 1] == 0x94)) {
		n -= 3;
		while (n > 0 && s[n - 1] == ' ')
			n--;
	}
	return n;
}

char *
title_from_lead(const char *s)
{
	size_t len, i, cut = 0, halves = 0;
	struct buf b = BUF_INIT;
	int32_t cp;
	int n, inword = 0, cjk;

	if (s == NULL)
		return NULL;
	while (*s == ' ')
		s++;
	len = title_sentence_len(s);
	/* Walk the sentence; cut is the end of the last whole word that
	 * fits both bounds. */
	for (i = 0; i < len; i += (size_t)n) {
		if ((n = utf8_next(s + i, len - i, &cp)) < 0)
			n = 1, cp = 0xfffd;
		cjk = is_cjk(cp);
		if (cp == ' ' || cjk) {
			if (inword)
				cut = i;
			inword = 0;
		}
		if (cp == ' ')
			continue;
		if (i + (size_t)n > TITLE_LEAD_BYTES)
			break;
		if (cjk) {
			if ((halves += 1) > 2 * TITLE_LEAD_WORDS)
				break;
			cut = i + (size_t)n;
		} else if (!inword) {
			if ((halves += 2) > 2 * TITLE_LEAD_WORDS)
				break;
			inword = 1;
		}
	}
	if (i >= len) {
		/* The whole sentence fits: only a full stop goes. */
		cut = len;
		if (cut > 0 && s[cut - 1] == '.')
			cut--;
		cut = trim_end(s, cut);
		if (cut == 0)
			return NULL;
		buf_put(&b, s, cut);
		return buf_detach(&b);
	}
	/* One word longer than the bound is cut inside it. */
	if (cut == 0)
		cut = utf8_cut(s, TITLE_LEAD_BYTES);
	cut = trim_end(s, cut);
	if (cut == 0)
		return NULL;
	buf_put(&b, s, cut);
	buf_puts(&b, "\xe2\x80\xa6");
	return buf_detach(&b);
}

/* {==== the headline that says what the lead says ===== */

/* Words are cut at spaces and at punctuation; their stems are their
 * first STEM bytes, folded to lower case. */
#define STEM	TITLE_STEM

/* The length of the separator at s (before end): an ASCII byte that is
 * no letter or digit, or a character of the Unicode punctuation blocks
 * (general punctuation U+2000-U+206F: quotes, dashes, the ellipsis;
 * CJK symbols U+3000-U+303F: brackets, the full stop; the guillemets);
 * 0 when s starts a letter. */
static size_t
sep_len(const unsigned char *s, const unsigned char *end)
{
	if (*s < 0x80)
		return (*s >= '0' && *s <= '9') || ((*s | 32) >= 'a' &&
		    (*s | 32) <= 'z') ? 0 : 1;
	if (end - s >= 3 && ((*s == 0xe2 && (s[1] == 0x80 || s[1] == 0x81)) ||
	    (*s == 0xe3 && s[1] == 0x80)))
		return 3;
	if (end - s >= 2 && *s == 0xc2 && (s[1] == 0xab || s[1] == 0xbb))
		return 2;
	return 0;
}

/* The next word of s at or after *p (advanced past it): its stem in
 * stem[STEM + 1], its length returned; 0 at the end. */
static size_t
next_word(const char **p, const char *end, char stem[STEM + 1])
{
	const unsigned char *s = (const unsigned char *)*p, *w,
	    *e = (const unsigned char *)end;
	size_t n, k, sl;

	while (s < e && (sl = sep_len(s, e)) > 0)
		s += sl;
	for (w = s; s < e && sep_len(s, e) == 0; s++)
		;
	n = (size_t)(s - w);
	for (k = 0; k < n && k < STEM; k++)
		stem[k] = (char)((w[k] >= 'A' && w[k] <= 'Z') ? w[k] + 32 :
		    w[k]);
	stem[k] = '\0';
	*p = (const char *)s;
	return n;
}

/* Whether stem is one of the n stems stored one after the other, each
 * in STEM + 1 bytes, from v. */
static int
has_stem(const char *v, size_t n, const char *stem)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strcmp(v + k * (STEM + 1), stem) == 0)
			return 1;
	return 0;
}

void
title_lead_init(struct title_lead *out, const char *lead)
{
	const char *p = lead, *end = lead + strnlen(lead, TITLE_LEAD_SCAN);
	char st[STEM + 1];

	out->n = 0;
	while (out->n < TITLE_LEAD_STEMS && next_word(&p, end, st) > 0)
		if (!has_stem(out->stem[0], out->n, st))
			memcpy(out->stem[out->n++], st, sizeof(st));
}

size_t
title_lead_hits(const struct title_lead *lead, const char *h)
{
	char seen[32][STEM + 1], hs[STEM + 1];
	const char *hp = h, *hend = h + strlen(h);
	size_t nseen = 0, hits = 0, n;

	while ((n = next_word(&hp, hend, hs)) > 0 && nseen < 32) {
		/* Function words say nothing of the news. */
		if (n < 4 || has_stem(seen[0], nseen, hs) ||
		    stopwords_langs(hp - n, n) != 0)
			continue;
		memcpy(seen[nseen++], hs, sizeof(hs));
		hits += has_stem(lead->stem[0], lead->n, hs);
	}
	return hits;
}

/* }==== */
