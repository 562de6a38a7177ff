/*
 * article_parse.c: raw text to article (article_parse(),
 * article_load() of article.h): the driver, which makes each article
 * and so holds article_free() too.
 *
 * The bytes are decoded (text.c), cleaned of what no reader sees (HTML
 * entities, zero-width characters, no-break spaces), then read in one of
 * three shapes: a Reuters SGML record, a page with YAML front matter, or
 * plain text. The field rules themselves live in extract.c, byline.c and
 * dates.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse/article.h"
#include "parse/byline.h"
#include "parse/outlet.h"
#include "parse/dates.h"
#include "parse/extract.h"
#include "parse/md_read.h"
#include "parse/slug.h"
#include "parse/text.h"
#include "parse/title.h"
#include "core/map.h"
#include "core/utf8.h"
#include "core/xalloc.h"

static const struct {
	const char	*name;
	unsigned	 cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "mdash", 0x2014 },
	{ "ndash", 0x2013 }, { "hellip", 0x2026 }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
	{ "laquo", 0xab }, { "raquo", 0xbb }, { "copy", 0xa9 },
	{ "pound", 0xa3 }, { "euro", 0x20ac },
};

/* Decodes the entity at s ('&'); returns its length, 0 if none. */
static size_t
entity(unsigned *cp, const char *s)
{
	size_t i = 1, k, n;
	unsigned v = 0;

	if (s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		for (i = hex ? 3 : 2; i < 12; i++) {
			char c = s[i];

			if (c >= '0' && c <= '9')
				v = v * (hex ? 16u : 10u) + (unsigned)(c - '0');
			else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f')
				v = v * 16 + (unsigned)((c | 32) - 'a' + 10);
			else
				break;
		}
		/* A surrogate is no character: its bytes would not be
		 * UTF-8, so "&#xD800;" stays as it is written. */
		if (s[i] != ';' || i == (hex ? 3u : 2u) || v > 0x10ffff ||
		    (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*cp = v;
		return i + 1;
	}
	for (k = 0; k < sizeof(entities) / sizeof(entities[0]); k++) {
		n = strlen(entities[k].name);
		if (strncmp(s + 1, entities[k].name, n) == 0 &&
		    s[n + 1] == ';') {
			*cp = entities[k].cp;
			return n + 2;
		}
	}
	return 0;
}

/*
 * What no reader sees goes: HTML entities are decoded (controls they
 * encode are dropped), zero-width characters removed, and no-break
 * spaces become spaces. Nothing grows: an entity is longer than its
 * UTF-8 ("&#128;" is two bytes, "&#x10000;" four), so the text is
 * written in place of a copy of len bytes.
 */
static char *
clean_text(const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	size_t i, n;
	unsigned cp;

	for (i = 0; i < len; i++) {
		unsigned char c;

		/* Eight bytes at once while none is '&' or above 0x7f. */
		while (i + 8 <= len) {
			uint64_t x, y;

			memcpy(&x, s + i, 8);
			y = x ^ 0x2626262626262626ull;
			if (((x | ((y - 0x0101010101010101ull) & ~y)) &
			    0x8080808080808080ull) != 0)
				break;
			memcpy(o, &x, 8);
			o += 8;
			i += 8;
		}
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c < 0x80 && c != '&') {
			*o++ = (char)c;
		} else if (c == '&' && (n = entity(&cp, s + i)) > 0) {
			if (cp == 0xa0)
				cp = ' ';
			if (cp >= 0x20 || cp == '\n')
				o += utf8_encode(o, (int32_t)cp);
			i += n - 1;
		} else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] == 0xa0) {
			*o++ = ' ';
			i++;
		} else if (c == 0xe2 && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] >= 0x8b &&
		    (unsigned char)s[i + 2] <= 0x8d)
			i += 2;		/* U+200B-U+200D */
		else if (c == 0xe2 && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0x81 &&
		    (unsigned char)s[i + 2] == 0xa0)
			i += 2;		/* U+2060 */
		else if (c == 0xef && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0xbb &&
		    (unsigned char)s[i + 2] == 0xbf)
			i += 2;		/* U+FEFF */
		else
			*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

/* The text between <tag ...> and </tag> in s, or NULL. */
static char *
sgml_element(const char *s, const char *tag, const char **after)
{
	char open[32], close[32];
	const char *p, *q;

	snprintf(open, sizeof(open), "<%s", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	if ((p = strstr(s, open)) == NULL ||
	    (p[strlen(open)] != '>' && p[strlen(open)] != ' ') ||
	    (p = strchr(p, '>')) == NULL)
		return NULL;
	p++;
	if ((q = strstr(p, close)) == NULL)
		q = p + strlen(p);
	if (after != NULL)
		*after = q;
	return xstrndup(p, (size_t)(q - p));
}

static char *
trim_dup(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\n' || *s == '*')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	return xstrndup(s, len);
}

/* Reuters-21578: the header is in elements, the body is wrapped text. */
static void
parse_sgml(struct article *a, const char *text)
{
	char *date = NULL, *title, *author, *dl, *body, *t = NULL, d[11];
	const char *after;
	struct buf b = BUF_INIT;

	a->agency = xstrdup("Reuters");
	if ((date = sgml_element(text, "DATE", NULL)) != NULL &&
	    dates_find(d, date, strlen(date)) > 0)
		a->date = xstrdup(d);
	free(date);
	if ((title = sgml_element(text, "TITLE", NULL)) != NULL) {
		a->title = trim_dup(title);
		free(title);
	}
	if ((author = sgml_element(text, "AUTHOR", NULL)) != NULL) {
		char *ag = NULL, *s = trim_dup(author);

		(void)byline_parse(&a->authors, &ag, s);
		free(ag);
		free(s);
		free(author);
	}
	if ((dl = sgml_element(text, "DATELINE", NULL)) != NULL) {
		a->dateline = byline_place(dl);
		free(dl);
	}
	if ((body = sgml_element(text, "BODY", NULL)) == NULL &&
	    (t = sgml_element(text, "TEXT", &after)) != NULL) {
		/* Unprocessed stories: no elements; the title is line 1.
		 * A brief has its headline in TITLE and the rest after. */
		const char *p = t, *nl;

		if ((nl = strstr(t, "</TITLE>")) != NULL)
			p = nl + 8;
		else {
			while (*p == '\n' || *p == ' ')
				p++;
			if (a->title == NULL && (nl = strchr(p, '\n'))) {
				title = xstrndup(p, (size_t)(nl - p));
				a->title = trim_dup(title);
				free(title);
				p = nl + 1;
			}
		}
		body = xstrdup(p);
	}
	buf_puts(&b, body != NULL ? body : "");
	extract_article(a, b.data, EXTRACT_WRAPPED | EXTRACT_TITLED, 1);
	buf_dispose(&b);
	free(body);
	free(t);
}

/* The value of key in YAML front matter fm (one line, quotes removed). */
static char *
fm_value(const char *fm, const char *key)
{
	const char *p = fm, *e;
	size_t kl = strlen(key), len;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
			p += kl + 1;
			while (*p == ' ')
				p++;
			e = strchr(p, '\n');
			len = e != NULL ? (size_t)(e - p) : strlen(p);
			while (len > 0 && p[len - 1] == ' ')
				len--;
			if (len >= 2 && (p[0] == '"' || p[0] == '\'') &&
			    p[len - 1] == p[0])
				p++, len -= 2;
			return len > 0 ? xstrndup(p, len) : NULL;
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return NULL;
}

/* A saved page with YAML front matter (title, source URL, date). */
static int
parse_front_matter(struct article *a, const char *text)
{
	const char *end;
	char *fm, *v, *outlet = NULL, d[11], ud[11];
	unsigned line = 1;
	const char *p;

	if (strncmp(text, "---\n", 4) != 0 ||
	    (end = strstr(text + 4, "\n---\n")) == NULL)
		return -1;
	fm = xstrndup(text + 4, (size_t)(end - text - 4) + 1);
	if ((v = fm_value(fm, "title")) != NULL) {
		size_t hl = byline_title_suffix(&outlet, v);

		a->title = xstrndup(v, hl);
		a->source = outlet;
		free(v);
	}
	if ((v = fm_value(fm, "source")) == NULL)
		v = fm_value(fm, "url");
	if (v != NULL && strncmp(v, "http", 4) == 0)
		a->url = v;
	else
		free(v);
	/* The date key is trusted only when the URL does not contradict
	 * it. */
	if ((v = fm_value(fm, "date")) != NULL &&
	    dates_find(d, v, strlen(v)) > 0 && (a->url == NULL ||
	    dates_from_url(ud, a->url) < 0 || strcmp(ud, d) == 0))
		a->date = xstrdup(d);
	free(v);
	free(fm);
	for (p = text; p < end + 5; p++)
		line += *p == '\n';
	extract_article(a, end + 5, EXTRACT_TITLED | EXTRACT_WEB, line);
	return 0;
}

/* A page is taken for a saved web page when WEB_MENU of the first or
 * last WEB_LINES lines are menu items. */
#define WEB_LINES	80
#define WEB_MENU	12

/* Whether the line [s, s + len) is a menu item: two words at most. */
static int
menu_item(const char *s, size_t len)
{
	char l[32];

	if (len >= sizeof(l) - 2)
		return 0;
	memcpy(l, s, len);
	l[len] = '\0';
	return extract_words(l) <= 2;
}

/* Menu items among the first WEB_LINES non-empty lines of [p, end). */
static size_t
menu_first(const char *p, const char *end)
{
	const char *e;
	size_t lines = 0, items = 0;

	for (; p < end && lines < WEB_LINES; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		if (e > p) {
			lines++;
			items += menu_item(p, (size_t)(e - p));
		}
	}
	return items;
}

/* Menu items among the last WEB_LINES non-empty lines of [p, end). The
 * lines are found forward with memchr, the last ones kept in a ring:
 * a byte-by-byte walk backward costs more on a text of long paragraphs,
 * where those lines are most of it. */
static size_t
menu_last(const char *p, const char *end)
{
	const char *s[WEB_LINES], *e;
	size_t len[WEB_LINES], lines = 0, items = 0, k;

	for (; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		if (e > p) {
			s[lines % WEB_LINES] = p;
			len[lines % WEB_LINES] = (size_t)(e - p);
			lines++;
		}
	}
	for (k = 0; k < lines && k < WEB_LINES; k++)
		items += menu_item(s[k], len[k]);
	return items;
}

/* The lines at the top of a page where its navigation bar sits. */
#define WEB_NAV_LINES	4

/* Whether one of the first WEB_NAV_LINES lines of [p, end) is a row of
 * links ("Home | News | Sport", extract_is_nav_bar()). */
static int
nav_bar_on_top(const char *p, const char *end)
{
	const char *e;
	char l[256];
	size_t k, len;

	for (k = 0; k < WEB_NAV_LINES && p < end; k++, p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		len = (size_t)(e - p);
		if (len >= sizeof(l))
			continue;
		memcpy(l, p, len);
		l[len] = '\0';
		if (extract_is_nav_bar(l))
			return 1;
	}
	return 0;
}

/* A saved web page: a title with a site suffix, a navigation bar at the
 * top, or a navigation menu of many short lines before the story, or
 * after it (the site's footer). */
static int
looks_like_web(const char *text)
{
	const char *e = strchr(text, '\n'), *end = text + strlen(text);
	const char *bar = strstr(text, " | ");

	/* A bar in the first line. */
	if (bar != NULL && (e == NULL || bar < e))
		return 1;
	return (bar != NULL && nav_bar_on_top(text, end)) ||
	    menu_first(text, end) >= WEB_MENU ||
	    menu_last(text, end) >= WEB_MENU;
}

/* The language: the script most letters of the body are written in,
 * and for Latin script the language whose common words are most
 * frequent. */
static const struct {
	const char	*lang;
	const char	*words;		/* space-separated, padded */
} stopwords[] = {
	{ "en", " the and of to in is that for was with said on " },
	{ "es", " el la de que y en los las del por con una para " },
	{ "fr", " le la les de des et est que une pour dans sur " },
	{ "de", " der die das und ist nicht mit den von sich auf " },
	{ "it", " il di che la per una sono del della con non gli " },
	{ "pt", " o de que e do da em os para com uma não " },
	{ "nl", " de het een en van is dat op te zijn niet met " },
	{ "pl", " i w nie na z się że do jest to o jak " },
	{ "ro", " și de la în cu care pe din este un o să " },
	{ "tr", " ve bir bu da ile için de çok olarak " },
	{ "id", " yang dan di ini itu dengan untuk tidak dari dalam akan "
	    "pada juga ke ada oleh karena bisa sudah " },
};

/*
 * The stop words in one table, built once, each with the set of
 * languages that list it: a word of the text is then one lookup instead
 * of a search of every list. No stop word is longer than eight bytes,
 * so a word is its bytes packed in a 64-bit key (zero-padded; no word
 * holds a NUL), and its value the set (bit k: stopwords[k] lists it).
 */
#define NLANG		(sizeof(stopwords) / sizeof(stopwords[0]))
#define STOP_MAXLEN	8

static struct map64 stop_map = MAP64_INIT;
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static uint64_t
stop_key(const char *w, size_t len)
{
	uint64_t key = 0;
	size_t i;

	for (i = 0; i < len; i++)
		key |= (uint64_t)(unsigned char)w[i] << (8 * i);
	return key;
}

static void
stop_init(void)
{
	size_t k, len;
	const char *p, *e;
	int added;

	for (k = 0; k < NLANG; k++)
		for (p = stopwords[k].words; *p != '\0'; p = e) {
			while (*p == ' ')
				p++;
			if ((e = strchr(p, ' ')) == NULL)
				e = p + strlen(p);
			if ((len = (size_t)(e - p)) == 0)
				continue;
			if (len > STOP_MAXLEN)
				abort();	/* the table above is wrong */
			*map64_put(&stop_map, stop_key(p, len), &added) |=
			    1u << k;
		}
}

/* Words are cut at spaces, line ends, commas and full stops, folded to
 * ASCII lower case; what follows a comma or full stop inside a word is
 * skipped. */
static const unsigned char word_end[256] = {
	['\0'] = 2, [' '] = 1, ['\n'] = 1, [','] = 1, ['.'] = 1
};

static const char *
latin_language(const char *text)
{
	size_t k, best = 0, bestn = 0, n[NLANG] = { 0 }, i, len;
	const unsigned char *p, *w, *end = (const unsigned char *)text +
	    strlen(text);
	const uint32_t *v;
	unsigned langs;
	uint64_t key, hi;

	pthread_once(&stop_once, stop_init);
	for (p = (const unsigned char *)text; *p != '\0' &&
	    p - (const unsigned char *)text < 20000;) {
		while (word_end[*p] == 1)
			p++;
		for (w = p; word_end[*p] == 0; p++)
			;
		len = (size_t)(p - w);
		if (*p == ',' || *p == '.')
			while (*p != '\0' && *p != ' ' && *p != '\n')
				p++;
		if (len == 0 || len > STOP_MAXLEN)
			continue;
		if (end - w >= 8) {
			/* The word's bytes, the rest masked off, and 0x20
			 * added to each ASCII capital: bytes below 0x80 are
			 * compared with 'A' and 'Z' without a carry. */
			memcpy(&key, w, 8);
			if (len < 8)
				key &= ((uint64_t)1 << (8 * len)) - 1;
			hi = key & 0x8080808080808080ull;
			key += (((key & ~hi) + 0x0101010101010101ull *
			    (0x80 - 'A')) & ~((key & ~hi) +
			    0x0101010101010101ull * (0x7f - 'Z')) & ~hi &
			    0x8080808080808080ull) >> 2;
		} else
			for (i = 0, key = 0; i < len; i++)
				key |= (uint64_t)(w[i] >= 'A' && w[i] <= 'Z' ?
				    w[i] + 32 : w[i]) << (8 * i);
		langs = (v = map64_get(&stop_map, key)) != NULL ? *v : 0;
		for (k = 0; langs != 0; langs >>= 1, k++)
			n[k] += langs & 1;
	}
	for (k = 0; k < NLANG; k++)
		if (n[k] > bestn)
			bestn = n[k], best = k;
	return stopwords[best].lang;
}

/* The script count reads at most LANG_TEXT bytes. */
#define LANG_TEXT	200000

static const char *
guess_language(const char *text)
{
	const unsigned char *p = (const unsigned char *)text, *end;
	size_t latin = 0, cyr = 0, ukr = 0, arabic = 0, han = 0, kana = 0;
	size_t hangul = 0, thai = 0, greek = 0, hebrew = 0;
	uint64_t x;

	for (end = p + strnlen(text, LANG_TEXT); p < end; p++) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* Eight ASCII bytes at once: the letters are the bytes that,
		 * folded to lower case, are at least 'a' and at most 'z'. */
		while (end - p >= 8) {
			memcpy(&x, p, 8);
			if ((x & 0x8080808080808080ull) != 0)
				break;
			x |= 0x2020202020202020ull;
			x = (x + 0x0101010101010101ull * (0x80 - 'a')) &
			    ~(x + 0x0101010101010101ull * (0x7f - 'z')) &
			    0x8080808080808080ull;
			latin += ((x >> 7) * 0x0101010101010101ull) >> 56;
			p += 8;
		}
		if (p == end)
			break;
#endif
		if ((*p | 32) >= 'a' && (*p | 32) <= 'z')
			latin++;
		else if (*p == 0xd0 || *p == 0xd1) {
			cyr++;
			if ((*p == 0xd1 && (p[1] == 0x96 || p[1] == 0x97 ||
			    p[1] == 0x94)) || (*p == 0xd2 && p[1] == 0x91))
				ukr++;
		} else if (*p >= 0xd8 && *p <= 0xdb)
			arabic++;
		else if (*p == 0xce || *p == 0xcf)
			greek++;
		else if (*p == 0xd7)
			hebrew++;
		else if (*p == 0xe0 && p[1] >= 0xb8 && p[1] <= 0xb9)
			thai++;
		else if (*p == 0xe3 && p[1] >= 0x81 && p[1] <= 0x83)
			kana++;
		else if (*p >= 0xe4 && *p <= 0xe9)
			han++;
		else if (*p == 0xea || *p == 0xeb || *p == 0xec || *p == 0xed)
			hangul++;
	}
	if (kana * 10 > han && kana > 10)
		return "ja";
	if (han > latin && han >= cyr && han > 10)
		return "zh";
	if (hangul > latin && hangul > 10)
		return "ko";
	if (thai > latin && thai > 10)
		return "th";
	if (arabic > latin && arabic > 10)
		return "ar";
	if (greek > latin && greek > 10)
		return "el";
	if (hebrew > latin && hebrew > 10)
		return "he";
	if (cyr > latin && cyr > 10)
		return ukr * 50 > cyr ? "uk" : "ru";
	return latin > 0 ? latin_language(text) : NULL;
}

/* The body says its language better than the page around it (a menu
 * of editions, a footer in English): the paragraphs when they hold
 * LANG_BODY bytes or more, else the whole text. */
#define LANG_BODY	100

static void
language_of(struct article *a, const char *text)
{
	struct buf body = BUF_INIT;
	const char *lang;
	size_t i;

	for (i = 0; i < a->paragraphs.n && body.len < LANG_TEXT; i++) {
		buf_puts(&body, a->paragraphs.v[i]);
		buf_putc(&body, '\n');
	}
	lang = guess_language(body.len >= LANG_BODY ? body.data : text);
	a->language = lang != NULL ? xstrdup(lang) : NULL;
	buf_dispose(&body);
}

static size_t
count_words(const struct article *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->nbody; i++)
		n += extract_words(a->body[i].text);
	return n;
}

/* What the text leaves open, from the URL: the date in its path and
 * the outlet of its host, by the name text writes for it. */
static void
fill_from_url(struct article *a, const char *text)
{
	char d[11];

	if (a->url == NULL)
		return;
	if (a->date == NULL && dates_from_url(d, a->url) == 0)
		a->date = xstrdup(d);
	if (a->source == NULL)
		a->source = outlet_of_url(a->url, text);
}

/* An article whose text gives no title is named by its lead. */
static void
name_untitled(struct article *a)
{
	const char *lead = NULL;
	char *t;
	size_t i;

	if (a->title != NULL && a->title[0] != '\0')
		return;
	for (i = 0; i < a->nbody && lead == NULL; i++)
		if (a->body[i].kind == BLOCK_PARAGRAPH)
			lead = a->body[i].text;
	if (lead == NULL && a->paragraphs.n > 0)
		lead = a->paragraphs.v[0];
	if (lead == NULL || (t = title_from_lead(lead)) == NULL)
		return;
	free(a->title);
	a->title = t;
	a->title_from = xstrdup(TITLE_FROM_LEAD);
}

static int
is_md_path(const char *path)
{
	size_t n = strlen(path);

	return n >= 3 && strcmp(path + n - 3, ".md") == 0;
}

/* Whether the line s is one the header already gave: the title, a
 * byline or date line, a link, boilerplate or a caption. */
static int
known_line(const struct article *a, const char *s)
{
	char d[11];
	size_t i;

	if ((a->title != NULL && strcmp(s, a->title) == 0) ||
	    strstr(s, "://") != NULL || strv_find(&a->boilerplate, s) >= 0 ||
	    strv_find(&a->captions, s) >= 0)
		return 1;
	if (strlen(s) > 80)
		return 0;
	for (i = 0; i < a->authors.n; i++)
		if (strstr(s, a->authors.v[i]) != NULL)
			return 1;
	return dates_find(d, s, strlen(s)) > 0;
}

/*
 * A short article keeps its body: when extraction found no paragraph
 * (one or two short ones can look like a header), the lines after the
 * title that the header did not explain are the body.
 */
static void
keep_short_body(struct article *a, const char *text)
{
	const char *p = text, *nl;
	unsigned line = 1;
	char *s;

	for (; *p != '\0'; p = *nl ? nl + 1 : nl, line++) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		s = xstrndup(p, (size_t)(nl - p));
		if (*s == '\0' || known_line(a, s) || a->title == NULL) {
			free(s);
			continue;
		}
		a->body = xgrow(a->body, a->nbody, sizeof(*a->body));
		a->body[a->nbody].kind = BLOCK_PARAGRAPH;
		a->body[a->nbody].line = line;
		a->body[a->nbody].text = xstrdup(s);
		a->nbody++;
		strv_take(&a->paragraphs, s);
	}
}

int
article_parse(struct article **out, struct diag *d, const char *path,
    const char *data, size_t len)
{
	struct article *a;
	struct buf raw = BUF_INIT;
	char *text;
	const char *raw_text;
	size_t raw_len;

	if (text_decode(&raw, d, path, data, len) < 0) {
		buf_dispose(&raw);
		return -1;
	}
	text = clean_text(raw.data, raw.len);
	raw_text = raw.data;
	raw_len = raw.len;
	a = xcalloc(1, sizeof(*a));
	a->path = xstrdup(path);
	a->thread_prev = a->thread_next = -1;
	if (is_md_path(path)) {
		/* A hand-written page: taken as already parsed. */
		if (md_read_page(a, d, path, raw_text, raw_len) < 0) {
			article_free(a);
			free(text);
			buf_dispose(&raw);
			return -1;
		}
	} else if (strncmp(text, "<REUTERS", 8) == 0)
		parse_sgml(a, text);
	else if (parse_front_matter(a, text) < 0) {
		int flags = (extract_is_wrapped(text) ? EXTRACT_WRAPPED : 0) |
		    (looks_like_web(text) ? EXTRACT_WEB : 0);

		extract_article(a, text, flags, 1);
		/* Only plain text: a web page's unexplained lines are its
		 * menus, not a story. */
		if (flags == 0 && a->paragraphs.n == 0 && a->nbody == 0)
			keep_short_body(a, text);
	}
	fill_from_url(a, text);
	if (a->language == NULL)
		language_of(a, text);
	if (!a->from_markdown) {
		name_untitled(a);
		a->word_count = count_words(a);
		a->slug = slug_make(a->title, SLUG_MAX);
	}
	/* A page with a title and nothing under it is a loss to say. */
	if (a->paragraphs.n == 0)
		diag_warn(d, &(struct pos){ path, 0 }, "no body text found: "
		    "the page shows the title only");
	free(text);
	buf_dispose(&raw);
	*out = a;
	return 0;
}

int
article_read(struct diag *d, const char *path, char **data, size_t *len)
{
	struct pos pos = { path, 0 };
	struct stat st;
	ssize_t n = 0;
	size_t got = 0;
	int fd;

	*data = NULL;
	*len = 0;
	/* A symlink is passed over like a hidden file; a file that cannot
	 * be read at all is an error, as the user asked for it. */
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) < 0) {
		if (errno == ELOOP) {
			if (d != NULL)
				diag_warn(d, &pos, "symlink not followed");
			return -1;
		}
		if (d != NULL)
			diag_err(d, &pos, "cannot read: %s", strerror(errno));
		return ARTICLE_EREAD;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (d != NULL)
			diag_warn(d, &pos, "not a regular file");
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size > ARTICLE_MAX_BYTES) {
		if (d != NULL)
			diag_warn(d, &pos, "too large: %lld > %u",
			    (long long)st.st_size, ARTICLE_MAX_BYTES);
		close(fd);
		return -1;
	}
	*data = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (n = read(fd, *data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (got < (size_t)st.st_size && n < 0) {
		if (d != NULL)
			diag_err(d, &pos, "cannot read: %s", strerror(errno));
		free(*data);
		*data = NULL;
		return ARTICLE_EREAD;
	}
	*len = got;
	return 0;
}

int
article_load(struct article **out, struct diag *d, const char *path)
{
	size_t len;
	char *data;
	int rc;

	if ((rc = article_read(d, path, &data, &len)) < 0)
		return rc;
	rc = article_parse(out, d, path, data, len);
	free(data);
	return rc;
}

void
article_free(struct article *a)
{
	if (a == NULL)
		return;
	article_keep_names(a);
	free(a->path);
	free(a->title);
	free(a->date);
	free(a->slug);
	free(a->permalink);
	free(a->published);
	free(a->date_inferred);
	free(a);
}

void
article_keep_names(struct article *a)
{
	size_t i;

	free(a->title_from);
	free(a->agency);
	free(a->dateline);
	free(a->source);
	free(a->url);
	free(a->language);
	a->title_from = a->agency = a->dateline = a->source = a->url =
	    a->language = NULL;
	strv_dispose(&a->authors);
	strv_dispose(&a->paragraphs);
	strv_dispose(&a->subheads);
	strv_dispose(&a->key_points);
	strv_dispose(&a->captions);
	strv_dispose(&a->boilerplate);
	for (i = 0; i < a->nbody; i++)
		free(a->body[i].text);
	free(a->body);
	a->body = NULL;
	a->nbody = 0;
	for (i = 0; i < a->ntags; i++) {
		free(a->tags[i].kind);
		free(a->tags[i].name);
		free(a->tags[i].origin);
	}
	free(a->tags);
	a->tags = NULL;
	a->ntags = 0;
	for (i = 0; i < a->nmentions; i++) {
		free(a->mentions[i].text);
		free(a->mentions[i].kind);
		free(a->mentions[i].name);
		free(a->mentions[i].origin);
	}
	free(a->mentions);
	a->mentions = NULL;
	a->nmentions = 0;
	for (i = 0; i < a->nrelated; i++)
		free(a->related[i].reason);
	free(a->related);
	free(a->syndicated);
	a->related = NULL;
	a->nrelated = 0;
	a->syndicated = NULL;
	a->nsyndicated = 0;
	a->thread_prev = a->thread_next = -1;
}
