/*
 * extract_rules.c: the rules that judge one line of news text
 * (extract.h): boilerplate, captions, credits, subheads, teasers, URLs.
 * The phrase tables below are data; each rule says why it holds.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/dates.h"
#include "parse/extract.h"
#include "core/xalloc.h"

/* Match modes of the boilerplate phrases. */
enum pmode { P_EXACT, P_PREFIX, P_SUFFIX };

/* A phrase and its length. */
#define B(s, mode)	{ s, sizeof(s) - 1, mode }

static const struct {
	const char	*s;
	size_t		 len;
	enum pmode	 mode;
} boiler[] = {
	B("Related article", P_PREFIX), B("Related:", P_PREFIX),
	B("Related Articles", P_PREFIX), B("Read more", P_SUFFIX),
	B("Read More", P_SUFFIX), B("READ MORE", P_PREFIX),
	B("Read more:", P_PREFIX), B("Read also", P_PREFIX),
	B("See also:", P_PREFIX), B("Share it", P_EXACT),
	B("Share", P_EXACT), B("Share this", P_PREFIX),
	B("Share on ", P_PREFIX), B("Advertisement", P_EXACT),
	B("ADVERTISEMENT", P_EXACT), B("source site-", P_PREFIX),
	B("Skip to ", P_PREFIX), B("Subscribe", P_PREFIX),
	B("Sign up", P_PREFIX), B("Sign In", P_EXACT), B("Log in", P_EXACT),
	B("Menu", P_EXACT), B("By continuing you", P_PREFIX),
	B("Continue Reading", P_EXACT), B("We won't sell", P_PREFIX),
	B("Tired of too many ads", P_PREFIX), B("Cookie", P_PREFIX),
	B("Your browser does not support", P_PREFIX),
	B("Show me more content", P_PREFIX),
	B("Unlock unlimited access", P_PREFIX),
	B("Or create a free account", P_PREFIX), B("Follow us", P_PREFIX),
	B("Blah blah blah.", P_EXACT), B("Reuter", P_EXACT),
	B("Listen Live", P_PREFIX), B("Terms of ", P_PREFIX),
	B("Terms Of ", P_PREFIX), B("Donate", P_EXACT),
	B("Print", P_EXACT), B("Email", P_EXACT), B("Save", P_EXACT),
	B("Copy link", P_PREFIX), B("Copy article link", P_EXACT),
	B("Help us ", P_PREFIX), B("Make us preferred on Google", P_EXACT),
	B("We use cookies", P_PREFIX), B("Your feedback will be used", P_PREFIX),
	B("ERROR MESSAGE", P_PREFIX), B("Читайте также", P_PREFIX),
};

static const char *const end_markers[] = {
	"Next Story", "Next Post", "Next Article", "Previous Article",
	"Previous Story", "Previous Post", "Comments", "Leave a Reply",
	"TEG FOUNDER:", "Tags:", "Topics:", "Post comment",
};

/* Headings of a block of links to other stories; the story may go on
 * after the block. */
static const char *const teaser_markers[] = {
	"Related stories", "Related Stories", "Related News", "More stories",
	"More Stories", "Recommended Stories", "Recommended", "Most Read",
	"You may also like", "Read also", "Read more:", "See also",
	"Popular from", "เรื่องที่เกี่ยวข้อง", "Читайте также", "Реклама",
};

static const char *const credit_prefixes[] = {
	"(Reporting by", "(Additional reporting", "(Writing by",
	"(Editing by", "Reporting by", "Additional reporting by",
	"Writing by", "Editing by", "*Writing by", "Edited By:",
	"Edited by:", "(Compiled by", "Compiled by",
	"Editors responsible for this story", "To contact the reporter",
	"To contact the editor", "Contact the author",
};

static const char *const caption_prefixes[] = {
	"\xc2\xa9", "(c) ", "(C) ", "Photo:", "Photo by", "Photos:",
	"Photograph:", "Image:", "Picture:", "Credit:", "Foto:",
	"Illustrative photo", "Фото:", "File photo",
};

/* Each with what it holds that most lines lack (a slash, "Photo",
 * " via "), so that it is looked for only in lines that have that. */
enum { M_SLASH = 1, M_PHOTO = 2, M_VIA = 4 };

static const struct {
	const char	*s;
	int		 holds;
} caption_marks[] = {
	{ "Photograph: ", M_PHOTO }, { "Photo: ", M_PHOTO },
	{ "Getty Images", 0 }, { "(Photo by", M_PHOTO },
	{ "Photo credit", M_PHOTO }, { "/AP/", M_SLASH }, { "/AFP", M_SLASH },
	{ "/Reuters", M_SLASH }, { "/EPA", M_SLASH }, { "/dpa", M_SLASH },
	{ "/Unsplash)", M_SLASH }, { " via Reuters", M_VIA }, { " via AFP", M_VIA },
	{ "/Sputnik", M_SLASH }, { "/Anadolu", M_SLASH },
};

/* The boilerplate phrases looked for anywhere in a short line. */
static const char *const short_boiler[] = {
	"Click here", "click here", "click HERE", "newsletter", "Newsletter",
	"cookies", "personal information", "Cookies", "I agree to",
	"found an inaccuracy", "All rights reserved", "All Rights Reserved",
	"Get instant alerts", "on Google News", "Privacy Policy",
	"Please share your",
};

/* "Mail   Facebook   Twitter / X   LinkedIn": a row of share buttons. */
static const char *const social_nets[] = {
	"Facebook", "Twitter", "LinkedIn", "WhatsApp", "Telegram",
	"Reddit", "Bluesky", "Pinterest", "Email", "Mail",
};

/*
 * A set of phrases (64 at most) looked for anywhere in a short line in
 * one pass: each byte of the line is tried only against the phrases
 * that start with it (a table built once), where a strstr per phrase
 * costs a call and a setup for each. On long lines strstr is faster.
 */
struct phrase_set {
	const char *const	*v;
	size_t			 n;
	pthread_once_t		 once;
	size_t			 len[64];
	uint64_t		 first[256];	/* bit k: v[k] starts so */
};

#define PHRASE_SET(a)	{ a, sizeof(a) / sizeof(*(a)), PTHREAD_ONCE_INIT, \
			    { 0 }, { 0 } }

static struct phrase_set boiler_set = PHRASE_SET(short_boiler);
static struct phrase_set social_set = PHRASE_SET(social_nets);

static void
phrase_init(struct phrase_set *ps)
{
	size_t k;

	for (k = 0; k < ps->n; k++) {
		if ((ps->len[k] = strlen(ps->v[k])) < 2)
			abort();	/* phrases_in compares two bytes */
		ps->first[(unsigned char)ps->v[k][0]] |= (uint64_t)1 << k;
	}
}

static void
boiler_init(void)
{
	phrase_init(&boiler_set);
}

static void
social_init(void)
{
	phrase_init(&social_set);
}

/* The phrases of ps found in s, bit k for ps->v[k]; with any, only the
 * first found. */
static uint64_t
phrases_in(struct phrase_set *ps, void (*init)(void), const char *s,
    int any)
{
	const unsigned char *p;
	uint64_t found = 0, m;
	size_t k;

	pthread_once(&ps->once, init);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		for (m = ps->first[*p] & ~found; m != 0; m &= m - 1) {
			k = (size_t)__builtin_ctzll(m);
			/* Every phrase has two bytes or more: the second
			 * is compared inline, most candidates differ there. */
			if (p[1] == (unsigned char)ps->v[k][1] &&
			    strncmp((const char *)p + 2, ps->v[k] + 2,
			    ps->len[k] - 2) == 0) {
				found |= (uint64_t)1 << k;
				if (any)
					return found;
			}
		}
	}
	return found;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t';
}

/* The first bytes are compared inline: most lines differ there, and the
 * rules below try many prefixes on every line. */
static int
starts(const char *s, const char *p)
{
	return *p == '\0' || (*s == *p && strncmp(s, p, strlen(p)) == 0);
}

static int
ends(const char *s, const char *p)
{
	size_t sl = strlen(s), pl = strlen(p);

	return sl >= pl && strcmp(s + sl - pl, p) == 0;
}

/* ends() for an s whose length sl is known. */
static int
ends_n(const char *s, size_t sl, const char *p)
{
	size_t pl = strlen(p);

	return sl >= pl && memcmp(s + sl - pl, p, pl) == 0;
}

/* The last character of s (UTF-8) as a code point. */
unsigned
extract_last_cp(const char *s)
{
	size_t n = strlen(s), i;
	unsigned cp;

	if (n == 0)
		return 0;
	i = n - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	cp = (unsigned char)s[i];
	if (cp >= 0xf0)
		cp = ((cp & 7) << 18) | ((s[i + 1] & 0x3fu) << 12) |
		    ((s[i + 2] & 0x3fu) << 6) | (s[i + 3] & 0x3fu);
	else if (cp >= 0xe0)
		cp = ((cp & 15) << 12) | ((s[i + 1] & 0x3fu) << 6) |
		    (s[i + 2] & 0x3fu);
	else if (cp >= 0xc0)
		cp = ((cp & 31) << 6) | (s[i + 1] & 0x3fu);
	return cp;
}

/* Sentence-final punctuation, closing quotes included. */
static int
final_punct(unsigned cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == '"' ||
	    cp == '\'' || cp == 0x201d || cp == 0x2019 || cp == 0xbb ||
	    cp == 0x3002 || cp == 0xff01 || cp == 0xff1f || cp == 0x2026 ||
	    cp == 0x300d || cp == 0x061f || cp == ':' || cp == ';' ||
	    cp == ')';
}

#define ONES	0x0101010101010101ull
#define HIGHS	0x8080808080808080ull

/* Bit 7 of each byte of x set where the byte is not zero; no carry
 * crosses a byte. */
static uint64_t
nonzero_bytes(uint64_t x)
{
	return (((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
}

/*
 * Whether the eight bytes x, past ASCII, count as ASCII would: no lead
 * byte of three that may open a CJK or Thai character (the count of
 * those differs) other than the common 0xe2 of quotes and dashes, and
 * no continuation byte after a space (prev: bit 7 of each byte set
 * where the byte before it is no space). Other UTF-8 sequences are one
 * lead byte that a word may start at, then bytes that continue it.
 */
static int
words_plain(uint64_t x, uint64_t prev)
{
	uint64_t lead3 = ~nonzero_bytes((x & (ONES * 0xf0)) ^ (ONES * 0xe0));
	uint64_t quote = ~nonzero_bytes(x ^ (ONES * 0xe2));
	uint64_t cont = ~nonzero_bytes((x & (ONES * 0xc0)) ^ (ONES * 0x80));

	return ((lead3 & ~quote) | (cont & ~prev)) & HIGHS ? 0 : 1;
}

/*
 * The count only grows along the text, so it can stop once past max:
 * the rules compare it with small numbers, and paragraphs are long.
 * Eight bytes are taken at a time where words_plain() allows: a word
 * starts at each byte that is not a space or tab after one that is.
 */
size_t
extract_words_max(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, end, words = 0, cjk = 0;
	uint64_t x, ns, prev;
	int in = 0;

	while (i < len && words + cjk / 2 <= max) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (i + 8 <= len) {
			memcpy(&x, p + i, 8);
			ns = nonzero_bytes(x ^ (ONES * ' ')) &
			    nonzero_bytes(x ^ (ONES * '\t'));
			prev = (ns << 8) | (uint64_t)(in << 7);
			if ((x & HIGHS) == 0 || words_plain(x, prev)) {
				x = ns & ~prev;
				words += ((x >> 7) * ONES) >> 56;
				in = (int)(ns >> 63);
				i += 8;
				continue;
			}
		}
#endif
		end = i + 8 <= len ? i + 8 : len;
		for (; i < end; i++) {
			if (p[i] == 0xe0 || (p[i] >= 0xe3 && p[i] <= 0xe9)) {
				cjk++;	/* Thai, kana, CJK ideographs */
				in = 0;
			} else if (is_space(p[i]))
				in = 0;
			else if (!in && (p[i] & 0xc0) != 0x80) {
				in = 1;
				words++;
			}
		}
	}
	return words + cjk / 2;
}

size_t
extract_words(const char *s)
{
	return extract_words_max(s, (size_t)-1);
}

int
extract_is_prose(const char *s)
{
	size_t w = extract_words_max(s, 30);

	return w >= 30 || (w >= 8 && final_punct(extract_last_cp(s)));
}

/* A row of share buttons: two networks or more in a short line. */
static int
social_bar(const char *s, size_t words)
{
	uint64_t nets;

	if (words > 10)
		return 0;
	nets = phrases_in(&social_set, social_init, s, 0);
	return (nets & (nets - 1)) != 0;
}

/* The phrases of boiler[] by first byte (exact and prefix ones, which a
 * line matches only if it starts with that byte) and the suffix ones:
 * a line is compared with a few, not with all. */
static uint64_t boiler_first[256], boiler_suffix;
static pthread_once_t boiler_once = PTHREAD_ONCE_INIT;

static void
boiler_index(void)
{
	size_t k;

	if (sizeof(boiler) / sizeof(boiler[0]) > 64)
		abort();	/* the masks hold 64 */
	for (k = 0; k < sizeof(boiler) / sizeof(boiler[0]); k++)
		if (boiler[k].mode == P_SUFFIX)
			boiler_suffix |= (uint64_t)1 << k;
		else
			boiler_first[(unsigned char)boiler[k].s[0]] |=
			    (uint64_t)1 << k;
}

int
extract_is_boilerplate(const char *s)
{
	size_t k, w = extract_words_max(s, 25), sl = strlen(s);
	uint64_t m;

	pthread_once(&boiler_once, boiler_index);
	for (m = boiler_first[(unsigned char)*s] | boiler_suffix; m != 0;
	    m &= m - 1) {
		k = (size_t)__builtin_ctzll(m);
		switch (boiler[k].mode) {
		case P_EXACT:
			if (sl == boiler[k].len &&
			    memcmp(s, boiler[k].s, sl) == 0)
				return 1;
			break;
		case P_PREFIX:
			if (sl >= boiler[k].len && *s == *boiler[k].s &&
			    memcmp(s, boiler[k].s, boiler[k].len) == 0)
				return 1;
			break;
		case P_SUFFIX:
			if (sl >= boiler[k].len && memcmp(s + sl -
			    boiler[k].len, boiler[k].s, boiler[k].len) == 0)
				return 1;
			break;
		}
	}
	if (w <= 25 && phrases_in(&boiler_set, boiler_init, s, 1) != 0)
		return 1;
	/* Hashtag lists, copyright lines, empty Markdown links. */
	if (s[0] == '#' && s[1] != ' ' && s[1] != '\0' && s[1] != '#')
		return 1;
	if (starts(s, "\xc2\xa9") || starts(s, "Copyright")) {
		for (k = 0; s[k] != '\0'; k++)
			if (s[k] >= '1' && s[k] <= '2' && s[k + 1] >= '0' &&
			    s[k + 1] <= '9' && s[k + 2] >= '0' &&
			    s[k + 2] <= '9' && s[k + 3] >= '0' &&
			    s[k + 3] <= '9')
				return 1;
	}
	if (starts(s, "[](") && ends_n(s, sl, ")"))
		return 1;
	if (social_bar(s, w))
		return 1;
	return w <= 3 && (strcmp(s, "Next") == 0 || strcmp(s, "Previous") == 0);
}

int
extract_is_end_marker(const char *s)
{
	size_t k, n;

	for (k = 0; k < sizeof(end_markers) / sizeof(end_markers[0]); k++) {
		if (*s != *end_markers[k])
			continue;
		n = strlen(end_markers[k]);
		if (strncmp(s, end_markers[k], n) == 0 &&
		    (s[n] == '\0' || s[n] == ' ' || s[n] == ':'))
			return 1;
	}
	return 0;
}

int
extract_is_teaser_marker(const char *s)
{
	size_t k;

	for (k = 0; k < sizeof(teaser_markers) / sizeof(*teaser_markers); k++)
		if (starts(s, teaser_markers[k]) && extract_words_max(s, 5) <= 5)
			return 1;
	return 0;
}

int
extract_is_credit(const char *s)
{
	size_t k;

	for (k = 0; k < sizeof(credit_prefixes) / sizeof(*credit_prefixes); k++)
		if (starts(s, credit_prefixes[k]))
			return 1;
	return strstr(s, "contributed to this report") != NULL &&
	    extract_words_max(s, 40) <= 40;
}

/* "EPA / TASS", "Reuters/AP": a short credit of agency-like tokens
 * separated by slashes, at the end of a line. */
static int
slash_credit_tail(const char *s)
{
	const char *dot = strrchr(s, '.');
	const char *t = dot != NULL ? dot + 1 : s;
	size_t slashes = 0, words = 0;
	int in = 0;

	/* "... Row. \u00a9 Milo Dask/MP": the sign opens the credit. */
	t += strspn(t, " ");
	if (starts(t, "\xc2\xa9 "))
		t += 3;

	for (; *t != '\0'; t++) {
		if (*t == '/')
			slashes++, in = 0;
		else if (is_space(*t))
			in = 0;
		else if (!in) {
			in = 1;
			if (!(*t >= 'A' && *t <= 'Z'))
				return 0;
			words++;
		}
	}
	return slashes >= 1 && words >= 2 && words <= 5;
}

/* How far from a line's end a closing credit starts, in bytes. */
#define CREDIT_TAIL	64

/* Whether s (sl bytes) ends in a credit: "Credit:", "Credits:" or
 * "Crédit :" after a sentence, then a name of a few words. */
static int
credit_tail(const char *s, size_t sl)
{
	static const char *const marks[] = { ". Credit: ", ". Credits: ",
	    ". Image credit: ", ". Cr\xc3\xa9" "dit : ", ". Cr\xc3\xa9" "dit: " };
	const char *tail = sl > CREDIT_TAIL ? s + sl - CREDIT_TAIL : s, *p;
	size_t k;

	/* Every mark opens with ". C" or ". I": one look for those first
	 * spares most lines a search per mark. */
	for (p = tail; (p = strchr(p, '.')) != NULL; p++)
		if (p[1] == ' ' && (p[2] == 'C' || p[2] == 'I'))
			break;
	if (p == NULL)
		return 0;
	for (k = 0; k < sizeof(marks) / sizeof(*marks); k++)
		if ((p = strstr(tail, marks[k])) != NULL)
			return extract_words_max(p + strlen(marks[k]), 7) <= 6;
	return 0;
}

int
extract_is_caption(const char *s)
{
	size_t k, n, sl;
	const char *p;
	int slash, has;

	for (k = 0; k < sizeof(caption_prefixes) / sizeof(*caption_prefixes);
	    k++)
		if (starts(s, caption_prefixes[k]))
			return !extract_is_boilerplate(s) ||
			    strchr(s, '/') != NULL;
	/* Past the prefixes, a caption is no long paragraph (80 words at
	 * most) that shows one of the marks below; the words are counted
	 * only once a mark is found. */
	slash = strchr(s, '/') != NULL;
	has = (slash ? M_SLASH : 0) | (strstr(s, "Photo") ? M_PHOTO : 0) |
	    (strstr(s, " via ") ? M_VIA : 0);
	for (k = 0; k < sizeof(caption_marks) / sizeof(*caption_marks); k++)
		if ((caption_marks[k].holds & ~has) == 0 &&
		    strstr(s, caption_marks[k].s) != NULL)
			return extract_words_max(s, 80) <= 80;
	/* "1 of 18. A Republic of ..." (a slide show) */
	p = s;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p > s && starts(p, " of ") && p[4] >= '0' && p[4] <= '9')
		return extract_words_max(s, 80) <= 80;
	sl = strlen(s);
	/* "... equivalent. Credit: ESA": a credit closing the line. */
	if (credit_tail(s, sl))
		return extract_words_max(s, 80) <= 80;
	if (ends_n(s, sl, " photo") || ends_n(s, sl, " Photo") ||
	    ends_n(s, sl, "| Efe") || ends_n(s, sl, "| EFE"))
		return extract_words_max(s, 80) <= 80;
	if (slash && slash_credit_tail(s)) {
		if ((n = extract_words_max(s, 80)) > 80)
			return 0;
		if (n >= 3)
			return 1;
	}
	/* "(Name/Agency via Getty Images)" at the end. */
	if (slash && ends_n(s, sl, ")") && (p = strrchr(s, '(')) != NULL &&
	    strchr(p, '/') != NULL && strchr(p, ',') == NULL &&
	    strstr(p, "/ ") == NULL && strlen(p) < 60)
		return extract_words_max(s, 80) <= 80;
	return 0;
}

int
extract_is_subhead_shape(const char *s)
{
	size_t w, len = strlen(s);
	unsigned cp;
	const unsigned char *p = (const unsigned char *)s;
	char d[11];

	if (len > 70 || (w = extract_words_max(s, 6)) == 0 || w > 6)
		return 0;
	cp = extract_last_cp(s);
	if (cp == '.' && !ends(s, "...") && !ends(s, ". . ."))
		return 0;
	if (cp == ',' || cp == ';' || cp == ':' || cp == ')' || cp == '-' ||
	    cp == '!' || cp == '"' || cp == 0x201d)
		return 0;
	if (strstr(s, " - ") != NULL || s[0] == '-' || s[0] == '(' ||
	    s[0] == '*')
		return 0;
	if (starts(s, "\xe2\x80\x93") || starts(s, "\xe2\x80\x94"))
		return 0;
	if (dates_find(d, s, len) > 0)
		return 0;
	if (starts(s, "...") || starts(s, "\xe2\x80\xa6"))
		return 1;
	/* Starts with a capital, a digit, or a letter of a script without
	 * case; never with a lower-case Latin or Cyrillic letter. */
	if (*p >= 'a' && *p <= 'z')
		return 0;
	if (*p == 0xd0 && p[1] >= 0xb0)
		return 0;
	if (*p == 0xd1 && p[1] >= 0x80 && p[1] <= 0x9f)
		return 0;
	return *p >= 0x80 || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9');
}

int
extract_is_teaser_shape(const char *s)
{
	size_t w;
	unsigned cp = extract_last_cp(s);

	/* The word count last: most lines end a sentence. */
	if ((*s >= 'a' && *s <= 'z') || final_punct(cp) || cp == ',')
		return 0;
	w = extract_words_max(s, 16);
	return w >= 5 && w <= 16;
}

char *
extract_afp_subhead(const char *s)
{
	size_t len = strlen(s);

	if (len < 5 || !starts(s, "- ") || !ends(s, " -"))
		return NULL;
	return xstrndup(s + 2, len - 4);
}

char *
extract_url(const char *s)
{
	const char *p;
	char *url, *o;
	size_t spaces = 0;

	if (!starts(s, "http://") && !starts(s, "https://"))
		return NULL;
	/* The URL is the line without its spaces: one allocation of the
	 * line's size holds it. */
	o = url = xmalloc(strlen(s) + 1);
	for (p = s; *p != '\0'; p++) {
		if (is_space(*p)) {
			/* A stray space: what follows must go on as a URL. */
			if (++spaces > 3 || p[1] == '\0' || is_space(p[1]) ||
			    (p[1] >= 'A' && p[1] <= 'Z')) {
				free(url);
				return NULL;
			}
			continue;
		}
		*o++ = *p;
	}
	*o = '\0';
	return url;
}


int
extract_is_nav_bar(const char *s)
{
	size_t items = 1, words = 0;
	const char *p;
	int in = 0;

	/* "Home | City | Port": three or more items of one to three words
	 * each, no sentence in any; a page title "Headline | Outlet" has a
	 * longer first item. */
	if (strstr(s, " | ") == NULL)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (starts(p, " | ")) {
			if (words == 0 || words > 3)
				return 0;
			items++, words = 0, in = 0;
			p += 2;
		} else if (*p == '.' || *p == '!' || *p == '?' || *p == ',')
			return 0;
		else if (is_space(*p))
			in = 0;
		else if (!in)
			in = 1, words++;
	}
	return items >= 3 && words >= 1 && words <= 3;
}

/* The last word of an outlet's name, as newspapers and services are
 * named ("Courier", "HERALD", "Press"). */
static int
outlet_noun(const char *s, size_t n)
{
	static const char *const nouns[] = {
		"Herald", "Courier", "Times", "Post", "News", "Gazette",
		"Journal", "Tribune", "Chronicle", "Press", "Observer",
		"Telegraph", "Express", "Mail", "Star", "Sun", "Standard",
		"Independent", "Guardian", "Review", "Record", "Echo",
		"Daily", "Weekly", "Register", "Dispatch", "Bulletin",
		"Sentinel", "Examiner", "Monitor", "Mirror", "Agency",
	};
	size_t k;

	for (k = 0; k < sizeof(nouns) / sizeof(*nouns); k++)
		if (strlen(nouns[k]) == n && strncasecmp(s, nouns[k], n) == 0)
			return 1;
	return 0;
}

/* A word for how often a paper comes out, which opens or sits inside
 * its name as often as it ends it ("The Weekly Meridian", "Daily
 * Maverick"). */
static int
rhythm_word(const char *s, size_t n)
{
	static const char *const words[] = { "Daily", "Weekly", "Monthly" };
	size_t k;

	for (k = 0; k < sizeof(words) / sizeof(*words); k++)
		if (strlen(words[k]) == n && strncasecmp(s, words[k], n) == 0)
			return 1;
	return 0;
}

int
extract_is_masthead(const char *s)
{
	static const char *const small[] = { "of", "the", "and", "de", "&" };
	size_t w = 0, k, n = 0;
	const char *p = s, *last = s;
	int rhythm = 0;

	/* An outlet's name above the headline: "Vellmar Courier", "The
	 * Sarn Valley Herald", "VELLMAR COURIER". One to five words, each
	 * capitalised but for small joining words, no digits and no
	 * punctuation that a headline or sentence would carry. */
	if (strpbrk(s, ".,:;!?|\"0123456789") != NULL)
		return 0;
	while (*p != '\0') {
		p += strspn(p, " ");
		if (*p == '\0')
			break;
		n = strcspn(p, " ");
		for (k = 0; k < sizeof(small) / sizeof(*small); k++)
			if (strlen(small[k]) == n && strncmp(p, small[k], n) == 0)
				break;
		if (k == sizeof(small) / sizeof(*small) &&
		    !(*p >= 'A' && *p <= 'Z'))
			return 0;
		if (++w > 5)
			return 0;
		rhythm |= rhythm_word(p, n);
		last = p;
		p += n;
	}
	if (w == 0)
		return 0;
	return outlet_noun(last, strcspn(last, " ")) || rhythm ? 2 : 1;
}

/* The characters of a URL's path, as a broken-off piece of one is. */
static int
url_piece(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p >= 'A' && *p <= 'Z') || strchr("-_./?=&%#~", *p)))
			return 0;
	return p > s;
}

char *
extract_labelled_url(const char *s, const char *next, int *joined)
{
	const char *u = s, *colon = strstr(s, ": http");
	struct buf b = BUF_INIT;
	char *url, last;

	/* "Original article: https://..." (a label of one to three words),
	 * and a URL cut after a dash or slash whose rest is the next line:
	 * a link copied from a page that wrapped it. */
	*joined = 0;
	if (colon != NULL && colon > s && extract_words_max(s, 4) <= 4 &&
	    memchr(s, ' ', (size_t)(colon - s) + 1) != NULL)
		u = colon + 2;
	if ((url = extract_url(u)) == NULL)
		return NULL;
	last = url[strlen(url) - 1];
	if (next != NULL && (last == '-' || last == '/' || last == '_') &&
	    url_piece(next)) {
		buf_puts(&b, url);
		buf_puts(&b, next);
		free(url);
		url = buf_detach(&b);
		*joined = 1;
	}
	return url;
}

const char *
extract_source_line(const char *s)
{
	const char *n = s + 8;

	/* "Source: Meridian Press": the outlet credited under a story. */
	if (strncmp(s, "Source: ", 8) != 0 || !(*n >= 'A' && *n <= 'Z') ||
	    extract_words_max(n, 5) > 5 || strpbrk(n, ".:/!?") != NULL)
		return NULL;
	return n;
}

/* A copyright holder's name: at most this many words. */
#define HOLDER_WORDS	6

char *
extract_copyright_holder(const char *s)
{
	const char *p = s, *e;
	char *h;
	size_t n;

	if (strncmp(p, "\xc2\xa9", 2) == 0)
		p += 2;
	else if (strncmp(p, "\xe2\x93\x92", 3) == 0)
		p += 3;		/* a circled c */
	else if (strncmp(p, "Copyright", 9) == 0)
		p += 9;
	else
		return NULL;
	/* "Copyright (c)", "Copyright \u00a9", then years: "2019",
	 * "2000 - 2019", "2000-2019". */
	for (;;) {
		while (*p == ' ' || *p == '-' || *p == ',' ||
		    strncmp(p, "\xe2\x80\x93", 3) == 0)
			p += *p == '\xe2' ? 3 : 1;
		if (strncmp(p, "\xc2\xa9", 2) == 0)
			p += 2;
		else if (strncmp(p, "\xe2\x93\x92", 3) == 0)
			p += 3;
		else if (strncmp(p, "Copyright ", 10) == 0)
			p += 9;
		else if (strncmp(p, "(c)", 3) == 0 || strncmp(p, "(C)", 3) == 0)
			p += 3;
		else if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' &&
		    p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
		    p[3] >= '0' && p[3] <= '9' && !(p[4] >= '0' && p[4] <= '9'))
			p += 4;
		else
			break;
	}
	if (!(*p >= 'A' && *p <= 'Z') && (unsigned char)*p < 0xc0)
		return NULL;
	/* The name ends at its sentence, a bar or a bracket. */
	for (e = p; *e != '\0' && *e != '|' && *e != '(' && *e != ',' &&
	    !(*e == '.' && (e[1] == ' ' || e[1] == '\0')); e++)
		;
	/* "Outlet 2019", "Outlet 2011-2019": the years after the name. */
	for (;;) {
		while (e > p && (e[-1] == ' ' || e[-1] == '-'))
			e--;
		if (e - p < 5 || !(e[-1] >= '0' && e[-1] <= '9' &&
		    e[-2] >= '0' && e[-2] <= '9' && e[-3] >= '0' &&
		    e[-3] <= '9' && e[-4] >= '0' && e[-4] <= '9' &&
		    (e[-5] == ' ' || e[-5] == '-')))
			break;
		e -= 4;
	}
	n = (size_t)(e - p);
	/* The formula itself ("\u00a9 All rights reserved") names no one. */
	if (strncasecmp(p, "All rights", 10) == 0)
		return NULL;
	if (n < 2 || n > 80)
		return NULL;
	h = xstrndup(p, n);
	if (extract_words_max(h, HOLDER_WORDS) > HOLDER_WORDS) {
		free(h);
		return NULL;
	}
	return h;
}
