/*
 * extract.c: the fields of an article from its clean text (extract.h).
 *
 * Three passes over the units of the text: find where the body starts
 * (the first run of sentence-like paragraphs, or a wire dateline); read
 * the header before it (title, byline, date, captions, site name); then
 * judge each body unit (paragraph, subhead, caption, key point,
 * boilerplate, credit) and cut the footer after the last paragraph.
 * This file holds the units and the first two; extract_body.c the
 * third and the collection of the fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/byline.h"
#include "parse/dates.h"
#include "parse/extract_int.h"
#include "parse/text.h"
#include "parse/title.h"
#include "core/xalloc.h"

int
extract_unit_rule(struct unit *u, unsigned r)
{
	int yes;

	if (u->memo & r)
		return (u->memo & (r << 1)) != 0;
	yes = r == R_PROSE ? extract_is_prose(u->text) : r == R_CAPTION ?
	    extract_is_caption(u->text) : extract_is_boilerplate(u->text);
	u->memo |= r | (yes ? r << 1 : 0);
	return yes;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t';
}

/* Units: lines, or the paragraphs of hard-wrapped text. */

static void
push_unit(struct units *u, struct buf *b, unsigned line, int blanks,
    int hard)
{
	char *t;
	size_t len = b->len;

	while (len > 0 && is_space(b->data[len - 1]))
		len--;
	t = xstrndup(b->data, len);
	/* Grown by half again: one unit at a time made a text of many short
	 * lines quadratic where realloc moves the array each time. */
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap + u->cap / 2 : 64;
		u->v = xreallocarray(u->v, u->cap, sizeof(*u->v));
	}
	u->v[u->n].text = t;
	u->v[u->n].line = line;
	u->v[u->n].blank_before = blanks;
	u->v[u->n].hard = hard;
	u->v[u->n].kind = U_BODY;
	u->v[u->n].memo = 0;
	u->n++;
	buf_reset(b);
}

int
extract_is_wrapped(const char *text)
{
	size_t lines = 0, mid = 0, open = 0, longl = 0, len;
	const char *p = text, *e;

	/* Most lines of about the same width, and most of those broken in
	 * the middle of a sentence. */
	while (*p != '\0') {
		e = strchr(p, '\n');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len > 0) {
			lines++;
			if (len >= 40 && len <= 90) {
				mid++;
				open += strchr(".!?\"", p[len - 1]) == NULL;
			}
			if (len > 120)
				longl++;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	return lines >= 4 && longl * 20 <= lines && mid * 2 >= lines &&
	    open * 2 >= mid;
}

/* A wrapped line starts a new paragraph when indented, or when it is a
 * row of a table (dotted leaders). */
static int
starts_paragraph(const char *line, size_t len)
{
	size_t i;

	if (len >= 1 && (line[0] == ' ' || line[0] == '\t'))
		return 1;
	for (i = 0; i + 3 <= len; i++)
		if (line[i] == '.' && line[i + 1] == '.' && line[i + 2] == '.')
			return 1;
	return 0;
}

static void
split_units(struct units *u, const char *text, int wrapped, unsigned line0)
{
	struct buf b = BUF_INIT;
	const char *p = text, *e, *s;
	size_t len, i;
	unsigned line = line0, start = line0;
	int blanks = 0, hard;

	for (; *p != '\0'; p = e + 1, line++) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		len = (size_t)(e - p);
		hard = len >= 2 && p[len - 1] == ' ' && p[len - 2] == ' ';
		for (s = p, i = len; i > 0 && is_space(*s); s++, i--)
			;
		while (i > 0 && is_space(s[i - 1]))
			i--;
		if (i == 0) {
			if (b.len > 0)
				push_unit(u, &b, start, blanks, 0), blanks = 0;
			blanks++;
		} else if (wrapped) {
			if (b.len > 0 && starts_paragraph(p, len))
				push_unit(u, &b, start, blanks, 0), blanks = 0;
			if (b.len == 0)
				start = line;
			else
				buf_putc(&b, ' ');
			buf_put(&b, s, i);
		} else {
			if (b.len > 0)
				push_unit(u, &b, start, blanks, 0), blanks = 0;
			start = line;
			buf_put(&b, s, i);
			push_unit(u, &b, start, blanks, hard);
			blanks = 0;
		}
		if (*e == '\0')
			break;
	}
	if (b.len > 0)
		push_unit(u, &b, start, blanks, 0);
	buf_dispose(&b);
}

/* The header: title, byline, date, captions before the body. */

/* Share of the words of x that also occur in y (0..100). */
static int
overlap(const char *x, const char *y)
{
	char *xs = xstrdup(x), *tok, *save = NULL;
	size_t n = 0, hit = 0;

	for (tok = strtok_r(xs, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		n++;
		if (strstr(y, tok) != NULL)
			hit++;
	}
	free(xs);
	return n == 0 ? 0 : (int)(hit * 100 / n);
}

/* A line that ends with a full date, as photo captions do ("... in
 * Zenica October 29, 2014."). */
static int
ends_with_date(const char *s)
{
	char d[11];
	size_t len = strlen(s), off = 0, n;

	while (len > 0 && (s[len - 1] == '.' || s[len - 1] == ' '))
		len--;
	/* Every date that dates_find reads ends with a digit. */
	if (len == 0 || s[len - 1] < '0' || s[len - 1] > '9')
		return 0;
	while (off < len && (n = dates_find(d, s + off, len - off)) > 0) {
		off += n;
		if (off == len)
			return 1;
	}
	return 0;
}

static int
is_date_line(const char *s, char out[11])
{
	/* The cheap test first: a long line is searched for no date. */
	if (extract_words_max(s, 10) > 10 && !starts(s, "Published") &&
	    !starts(s, "Updated"))
		return 0;
	return dates_find(out, s, strlen(s)) > 0;
}

/*
 * A wire dateline on a line of its own: the place in capitals, then the
 * date in figures ("LONDON 1996-08-30", "FARMINGTON HILLS, Mich.
 * 1996-08-30"). Returns the place (to the first comma), newly
 * allocated, or NULL when the line is not one.
 */
static char *
place_of_date_line(const char *s)
{
	size_t n = strcspn(s, "0123456789"), len, i;
	char *place;

	if (s[n] == '\0')
		return NULL;
	/* Figures and their separators only after the place: a date
	 * written with a month's name is some other line. */
	for (i = n; s[i] != '\0'; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
			return NULL;
	len = strcspn(s, ",");
	if (len > n)
		len = n;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '-' ||
	    s[len - 1] == '.'))
		len--;
	if (len < 2 || len > 60)
		return NULL;
	place = xstrndup(s, len);
	if (!byline_is_caps(place) || extract_words_max(place, 5) > 5 ||
	    strpbrk(place, ":;!?()|/") != NULL) {
		free(place);
		return NULL;
	}
	return place;
}

/* A single identifier token ("ru-ryanair-new-extra-1", "ru"). */
static int
is_code_token(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_'))
			return 0;
	return p > s;
}

/* "Olga Shylenko" or "A.Š." on its own line, right above a date line;
 * never an agency or a lone word ("Updated"). */
static int
name_above_date(const char *s, const char *next)
{
	char d[11], *t;
	size_t len = strlen(s), w;
	int ok;

	while (len > 0 && (s[len - 1] == '|' || s[len - 1] == ' '))
		len--;
	t = xstrndup(s, len);
	w = extract_words_max(t, 3);
	ok = w >= 1 && w <= 3 && byline_is_names(t, len) &&
	    byline_agency(t, len) == NULL && is_date_line(next, d) &&
	    !starts(next, "http") &&	/* a date in a URL is no date line */
	    (w >= 2 || (strchr(t, '.') != NULL && len <= 8));
	free(t);
	return ok;
}

static void
take_byline(struct ctx *c, const char *s)
{
	char *ag = NULL;

	if (byline_parse(&c->a->authors, &ag, s) == 0 && ag != NULL) {
		extract_set_str(&c->a->agency, ag);
	}
	free(ag);
}

/* A byline without "By" (byline_credit()) at header unit i: its names
 * and agency taken. Names alone in agency style are taken on a whole
 * page only next to a date line, where a byline sits: its menus hold
 * labels of the same shape ("Latest NEWS"). */
static int
credited(struct ctx *c, size_t i)
{
	struct strv names = STRV_INIT;
	char *ag = NULL, d[11];
	size_t k;
	int ok;

	if (byline_credit(&names, &ag, c->u.v[i].text) < 0)
		return 0;
	ok = ag != NULL || !(c->flags & EXTRACT_WEB) ||
	    (i > 0 && is_date_line(c->u.v[i - 1].text, d)) ||
	    (i + 1 < c->u.n && is_date_line(c->u.v[i + 1].text, d));
	if (ok) {
		for (k = 0; k < names.n; k++)
			strv_push(&c->a->authors, names.v[k]);
		extract_set_str(&c->a->agency, ag);
	}
	strv_dispose(&names);
	free(ag);
	return ok;
}

/* Judges one header unit; returns 1 when it is a title candidate. */
static int
header_unit(struct ctx *c, size_t i)
{
	struct unit *u = &c->u.v[i];
	struct strv tmp = STRV_INIT;
	char d[11], *ag = NULL, *url;
	const char *agency;
	int cand = 0;

	if ((url = extract_url(u->text)) != NULL) {
		extract_set_str(&c->a->url, url);
		free(url);
		u->kind = U_META;
	} else if (starts(u->text, "\xe2\x80\xa2"))
		u->kind = U_KEYPOINT;
	else if (unit_caption(u) ||
	    (extract_last_cp(u->text) == '.' &&
	    extract_words_max(u->text, 10) > 10 && ends_with_date(u->text)))
		u->kind = U_CAPTION;
	else if (unit_boiler(u) || is_code_token(u->text) ||
	    extract_is_nav_bar(u->text))
		u->kind = U_BOILER;
	else if (c->a->authors.n == 0 &&
	    byline_staff(&c->a->authors, u->text) == 0)
		u->kind = U_META;
	else if (byline_parse(&tmp, &ag, u->text) == 0) {
		take_byline(c, u->text);
		u->kind = U_META;
	} else if (c->a->authors.n == 0 && credited(c, i)) {
		u->kind = U_META;
	} else if ((strcasecmp(u->text, "By") == 0 ||
	    strcmp(u->text, "Authors") == 0 || strcmp(u->text, "Author") == 0)
	    && i + 1 < c->body && byline_is_names(c->u.v[i + 1].text,
	    strlen(c->u.v[i + 1].text))) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "By %s", c->u.v[i + 1].text);
		take_byline(c, b.data);
		buf_dispose(&b);
		u->kind = U_META;
		c->u.v[i + 1].kind = U_META;
	} else if (c->a->authors.n == 0 && i + 1 < c->body &&
	    name_above_date(u->text, c->u.v[i + 1].text)) {
		/* A name alone right above the date line. */
		size_t nl = strlen(u->text);

		while (nl > 0 && (u->text[nl - 1] == '|' ||
		    u->text[nl - 1] == ' '))
			nl--;
		strv_pushn(&c->a->authors, u->text, nl);
		u->kind = U_META;
	} else if (is_date_line(u->text, d)) {
		char *place = place_of_date_line(u->text);

		extract_set_str(&c->a->date, d);
		extract_set_str(&c->a->dateline, place);
		free(place);
		u->kind = U_META;
	} else if ((agency = byline_agency(u->text, strlen(u->text)))) {
		extract_set_str(&c->a->agency, agency);
		u->kind = U_META;
	} else if (extract_is_end_marker(u->text))
		u->kind = U_BOILER;
	else
		cand = 1;
	strv_dispose(&tmp);
	free(ag);
	return cand;
}

static int
title_like(const char *s)
{
	size_t w = extract_words_max(s, 30);

	return w >= 3 && w <= 30 && extract_last_cp(s) != '.' && extract_last_cp(s) != ',' &&
	    !extract_is_prose(s);
}

static int
kicker_like(const char *s)
{
	return extract_words_max(s, 4) <= 4 && *s >= 'a' && *s <= 'z';
}

/* A site name line: two to four capitalised words, no punctuation. */
static int
sitename_like(const char *s)
{
	const char *p;
	size_t w = extract_words_max(s, 4);

	if (w < 1 || w > 4)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '.' || *p == ',' || *p == ':' || *p == '?')
			return 0;
		if ((p == s || p[-1] == ' ') && *p >= 'a' && *p <= 'z')
			return 0;
	}
	return 1;
}

/* The headline after an outlet's name: when the first headline-shaped
 * line t is an outlet's name and a longer headline-shaped line follows
 * it before the body (a headline repeated on the next line first), the
 * name is the source and that line the title. A line only shaped like a
 * name gives way to a repeated headline alone: a short title-case
 * headline above its deck has that shape too. */
static size_t
past_masthead(struct ctx *c, const size_t *cand, size_t nc, size_t t)
{
	size_t k, best = nc;
	const char *m;
	int shape;

	if (t >= nc || (shape = extract_is_masthead(m =
	    c->u.v[cand[t]].text)) == 0)
		return t;
	for (k = t + 1; k < nc; k++) {
		const char *h = c->u.v[cand[k]].text;

		if (!title_like(h) ||
		    extract_words_max(h, 30) <= extract_words_max(m, 30))
			continue;
		if (k + 1 < nc && cand[k + 1] == cand[k] + 1 &&
		    extract_same_headline(h, c->u.v[cand[k + 1]].text)) {
			best = k;
			break;
		}
		if (best == nc && shape == 2)
			best = k;
	}
	if (best == nc)
		return t;
	extract_set_str(&c->a->source, m);
	c->u.v[cand[t]].kind = U_META;
	return best;
}

/* A whole page's headline has a few words at least. */
#define WEB_TITLE_WORDS	4

/* A whole page's headline: of the n header lines cand, the one closest
 * above the story that reads as a headline of WEB_TITLE_WORDS words or
 * more, with no date (an update line) and not all in capitals (a
 * banner); nc when none does. Menus and banners sit above it, the
 * byline, date and photo between it and the story. */
size_t
extract_web_title(const char *const *cand, size_t nc)
{
	size_t k;
	char d[11];

	/* Said twice in a row: the page's title over its headline. */
	for (k = nc; k-- > 1;)
		if (title_like(cand[k]) && strcmp(cand[k], cand[k - 1]) == 0)
			return k - 1;
	for (k = nc; k-- > 0;)
		if (title_like(cand[k]) &&
		    extract_words_max(cand[k], WEB_TITLE_WORDS) >=
		    WEB_TITLE_WORDS && !byline_is_caps(cand[k]) &&
		    strstr(cand[k], " / ") == NULL &&
		    strstr(cand[k], " | ") == NULL &&
		    dates_find(d, cand[k], strlen(cand[k])) == 0)
			return k;
	return nc;
}

/* A headline must share this many words with the lead to win over the
 * line closest above the story. */
#define LEAD_HITS	2

/* The lead of the story, as one text for title_lead_init() and
 * title_lead_hits(): its first paragraph, or more while they are short
 * (a one-line opening). */
#define LEAD_BYTES	200

static void
lead_text(struct buf *out, const struct ctx *c)
{
	size_t i;

	for (i = c->body; i < c->u.n && i < c->body + 3 &&
	    out->len < LEAD_BYTES; i++) {
		buf_puts(out, c->u.v[i].text);
		buf_putc(out, ' ');
	}
}

/* A line that may be a whole page's headline: headline-shaped, a few
 * words at least, no date (an update line), not all in capitals (a
 * banner), no bar or slash between parts (a title with its site's
 * name, a breadcrumb). */
static int
web_headline_shape(const char *h)
{
	char d[11];

	return title_like(h) &&
	    extract_words_max(h, WEB_TITLE_WORDS) >= WEB_TITLE_WORDS &&
	    !byline_is_caps(h) && strstr(h, " | ") == NULL &&
	    strstr(h, " / ") == NULL && dates_find(d, h, strlen(h)) == 0;
}

/* Whether the header line cand[k] says what the lead says, and how
 * much (0 when it cannot be the headline). */
static size_t
lead_hits(const struct ctx *c, const size_t *cand, size_t k,
    const struct title_lead *lead)
{
	const char *h = c->u.v[cand[k]].text;

	return web_headline_shape(h) ? title_lead_hits(lead, h) : 0;
}

/* Whether the header line s gave the byline or the date: it names an
 * author found, or is a date line. */
static int
byline_or_date(const struct ctx *c, const char *s)
{
	char d[11];
	size_t i;

	for (i = 0; i < c->a->authors.n; i++)
		if (strstr(s, c->a->authors.v[i]) != NULL)
			return 1;
	return is_date_line(s, d);
}

/* Of a whole page's headline-shaped header lines, the one that says
 * what the lead says: the line closest above the story (t) may be a
 * promotion, a label or a teaser of another story, while the headline
 * and the lead tell the same news. t stays when it shares LEAD_HITS
 * words with the lead; else the line right above the byline or date
 * line that does (the header's order: headline, byline, date), else the
 * line that shares most, and more than LEAD_HITS with no place in the
 * header to support it. */
static size_t
says_the_lead(const struct ctx *c, const size_t *cand, size_t nc, size_t t)
{
	struct buf text = BUF_INIT;
	struct title_lead *lead = xmalloc(sizeof(*lead));
	size_t k, hits, best = t, besthits = LEAD_HITS;

	lead_text(&text, c);
	title_lead_init(lead, text.data);
	buf_dispose(&text);
	if (t < nc && lead_hits(c, cand, t, lead) >= LEAD_HITS)
		goto out;
	for (k = nc; k-- > 0;)
		if (cand[k] + 1 < c->body &&
		    byline_or_date(c, c->u.v[cand[k] + 1].text) &&
		    lead_hits(c, cand, k, lead) >= LEAD_HITS) {
			best = k;
			goto out;
		}
	for (k = 0; k < nc; k++)
		if ((hits = lead_hits(c, cand, k, lead)) > besthits) {
			best = k;
			besthits = hits;
		}
out:
	free(lead);
	return best;
}

/* The page's title over its headline, "Headline | Outlet": the outlet
 * is the source, and the line none of the body. */
static void
outlet_over_title(struct ctx *c, const size_t *cand, size_t t)
{
	size_t k, hl;
	char *outlet, *h;

	for (k = 0; k < t && c->a->source == NULL; k++) {
		outlet = NULL;
		hl = byline_title_suffix(&outlet, c->u.v[cand[k]].text);
		if (outlet == NULL)
			continue;
		h = xstrndup(c->u.v[cand[k]].text, hl);
		if (extract_same_headline(h, c->a->title)) {
			extract_set_str(&c->a->source, outlet);
			c->u.v[cand[k]].kind = U_META;
		}
		free(h);
		free(outlet);
	}
}

static void
choose_title(struct ctx *c, const size_t *cand, size_t nc)
{
	size_t k, t = nc;
	char *outlet = NULL;
	size_t hl;

	if (c->flags & EXTRACT_WEB) {
		const char **texts = xcalloc(nc + 1, sizeof(*texts));

		for (k = 0; k < nc; k++)
			texts[k] = c->u.v[cand[k]].text;
		t = extract_web_title(texts, nc);
		free(texts);
		t = says_the_lead(c, cand, nc, t);
	}
	for (k = 0; k < nc && t == nc; k++)
		if (title_like(c->u.v[cand[k]].text))
			t = k;
	t = past_masthead(c, cand, nc, t);
	/* A kicker ("war in Ukraine") names the headline after it. */
	for (k = 0; k + 1 < nc; k++)
		if (kicker_like(c->u.v[cand[k]].text) &&
		    cand[k + 1] == cand[k] + 1 &&
		    title_like(c->u.v[cand[k + 1]].text)) {
			t = k + 1;
			c->u.v[cand[k]].kind = U_BOILER;
		}
	if (t == nc && nc > 0 && !(c->flags & EXTRACT_WEB))
		t = 0;
	if (t == nc)
		return;
	hl = byline_title_suffix(&outlet, c->u.v[cand[t]].text);
	c->a->title = xstrndup(c->u.v[cand[t]].text, hl);
	extract_set_str(&c->a->source, outlet);
	free(outlet);
	c->u.v[cand[t]].kind = U_META;
	if (c->flags & EXTRACT_WEB)
		outlet_over_title(c, cand, t);
	/* A site name above the headline. */
	for (k = 0; k < t; k++)
		if (c->u.v[cand[k]].kind == U_BODY &&
		    sitename_like(c->u.v[cand[k]].text) &&
		    extract_words_max(c->u.v[cand[k]].text, 2) >= 2 &&
		    c->a->source == NULL && !(c->flags & EXTRACT_WEB)) {
			extract_set_str(&c->a->source, c->u.v[cand[k]].text);
			c->u.v[cand[k]].kind = U_META;
		}
}

static int
body_candidate(struct unit *u, size_t i)
{
	const char *t = u->text;

	return unit_prose(u) && !unit_caption(u) &&
	    !unit_boiler(u) && !extract_is_end_marker(t) &&
	    !(i == 0 && extract_last_cp(t) == '.' && ends_with_date(t));
}

/* Rows of a list or table that open the main run, before any sentence:
 * the story starts with them. */
#define LIST_ROWS	3

/* In a web page, the story is where most of the text is: the first
 * paragraph that opens a window holding at least half as much prose as
 * the densest window. */
static size_t
densest_start(struct ctx *c)
{
	struct units *u = &c->u;
	size_t i, j, best = 0, *score, *prose, b = u->n, rows;

	/* The prose each unit adds to a window, judged once per unit. */
	score = xcalloc(u->n + 1, sizeof(*score));
	prose = xcalloc(u->n + 1, sizeof(*prose));
	for (j = 0; j < u->n; j++)
		if (unit_prose(&u->v[j]) && !unit_boiler(&u->v[j]))
			prose[j] = strlen(u->v[j].text);
	for (i = 0; i < u->n; i++) {
		if (!body_candidate(&u->v[i], i))
			continue;
		for (j = i; j < u->n && j < i + 12; j++)
			score[i] += prose[j];
		if (score[i] > best)
			best = score[i];
	}
	free(prose);
	for (i = 0; i < u->n && b == u->n; i++)
		if (score[i] > 0 && score[i] * 3 >= best)
			b = i;
	free(score);
	/* The main run of prose, when the page has one, knows better; a
	 * run without a sentence (a list, a table) starts where it does. */
	for (i = c->run, rows = 0; i < c->run_end && c->cls != NULL; i++) {
		if (body_candidate(&u->v[i], i) ||
		    (c->cls[i] == BLOCKS_GOOD && text_sentence_end(u->v[i].text))) {
			b = i;
			break;
		}
		rows += c->cls[i] == BLOCKS_GOOD &&
		    (blocks_item_number(u->v[i].text) > 0 ||
		    blocks_label_line(u->v[i].text));
	}
	if (c->cls != NULL && c->run < c->run_end && (i == c->run_end ||
	    rows >= LIST_ROWS))
		b = c->run;
	/* The byline or date line above it ends the header: the story
	 * starts at the first paragraph after it. */
	for (i = b; i-- > 0 && i + 60 > b;) {
		char d[11];

		if (is_date_line(u->v[i].text, d) ||
		    strncasecmp(u->v[i].text, "By ", 3) == 0) {
			for (j = i + 1; j < b; j++)
				if (body_candidate(&u->v[j], j))
					return j;
			break;
		}
	}
	return b;
}

/* Where the body starts: the first sentence-like paragraph followed by
 * another, or by nothing; a wire dateline soon after wins. */
static size_t
find_body(struct ctx *c)
{
	struct units *u = &c->u;
	size_t i, j, b = u->n, end;
	char *pl, *ag, *ol, *h;

	if (c->flags & EXTRACT_WEB)
		b = densest_start(c);
	for (i = 0; i < u->n && b == u->n; i++) {
		const char *t = u->v[i].text;

		if (!unit_prose(&u->v[i]) || unit_caption(&u->v[i]) ||
		    unit_boiler(&u->v[i]) || extract_is_end_marker(t) ||
		    (i == 0 && extract_last_cp(t) == '.' && ends_with_date(t)))
			continue;
		for (j = i + 1; j < u->n; j++) {
			const char *tj = u->v[j].text;
			int skip = unit_caption(&u->v[j]) ||
			    unit_boiler(&u->v[j]) ||
			    extract_is_subhead_shape(tj);

			if (!skip && (h = extract_afp_subhead(tj)) != NULL) {
				free(h);
				skip = 1;
			}
			if (!skip)
				break;
		}
		if (j == u->n || unit_prose(&u->v[j]) ||
		    (extract_words_max(u->v[j].text, 12) >= 12 &&
		    extract_last_cp(u->v[j].text) == ',') ||
		    u->v[j].blank_before >= 3 ||
		    (j + 1 < u->n && unit_prose(&u->v[j + 1]) &&
		    extract_words_max(u->v[j].text, 3) <= 3))
			b = i;
	}
	/* Link texts cut out of sentences can leave no two paragraphs
	 * together: then the first sentence-like one. */
	for (i = 0; i < u->n && b == u->n; i++)
		if (unit_prose(&u->v[i]) && !unit_caption(&u->v[i]) &&
		    !unit_boiler(&u->v[i]))
			b = i;
	for (i = 0; i < u->n && i < b + 4; i++) {
		size_t n = byline_dateline(&pl, &ag, &ol, u->v[i].text);
		int wire = n > 0 && (ag != NULL || ol != NULL);

		free(pl), free(ag), free(ol);
		if (wire) {
			b = i;
			break;
		}
	}
	/* A header line (byline, date) right after the first "paragraph"
	 * shows that it was a caption or deck. */
	for (i = b + 1; i < u->n && i < b + 4; i++) {
		struct strv tmp = STRV_INIT;
		char d[11], *a2 = NULL;
		int meta = byline_parse(&tmp, &a2, u->v[i].text) == 0 ||
		    (is_date_line(u->v[i].text, d) &&
		    extract_words_max(u->v[i].text, 8) <= 8);

		strv_dispose(&tmp);
		free(a2);
		if (meta)
			b = i + 1;
		else if (strcasecmp(u->v[i].text, "by") == 0)
			b = i + 2;
	}
	/* Past share buttons and avatar letters, to the first paragraph
	 * or a dateline on its own line, within the main run when the
	 * body starts in it (a list or a table holds no paragraph). */
	end = c->cls != NULL && b >= c->run && b < c->run_end ?
	    c->run_end : u->n;
	for (i = b; i < end && (c->flags & EXTRACT_WEB); i++)
		if (body_candidate(&u->v[i], i) ||
		    (c->cls != NULL && i == c->run && i == b &&
		    c->cls[i] == BLOCKS_GOOD) ||
		    (extract_words_max(u->v[i].text, 3) <= 3 &&
		    strlen(u->v[i].text) >= 4 &&
		    byline_is_caps(u->v[i].text) && i + 1 < u->n &&
		    body_candidate(&u->v[i + 1], i + 1)))
			return i;
	return b;
}

static void
read_header(struct ctx *c)
{
	size_t i, nc = 0, *cand;

	cand = xcalloc(c->body + 1, sizeof(*cand));
	for (i = 0; i < c->body; i++)
		if (c->u.v[i].kind == U_BODY && header_unit(c, i))
			cand[nc++] = i;
	if (c->a->title == NULL && !(c->flags & EXTRACT_TITLED))
		choose_title(c, cand, nc);
	for (i = 0; i < nc; i++) {
		struct unit *u = &c->u.v[cand[i]];

		if (u->kind != U_BODY)
			continue;
		/* Boilerplate when short, in a web page, or a copy of the
		 * title (the costliest test, last); else a deck, dropped. */
		if (extract_words_max(u->text, 3) <= 3 ||
		    (c->flags & EXTRACT_WEB) || (c->a->title != NULL &&
		    (extract_same_headline(u->text, c->a->title) ||
		    overlap(c->a->title, u->text) >= 80)))
			u->kind = U_BOILER;
		else
			u->kind = U_DROP;
	}
	free(cand);
}

/* The body. */


/* A whole page's outlet, when nothing above the story names it and no
 * URL does: the holder of the copyright in its footer (the last such
 * line). A header line that says that name alone is the masthead, read
 * for the source like the footer, and no boilerplate. */
static void
source_from_footer(struct ctx *c)
{
	size_t i, k;
	char *h;

	for (i = c->u.n; i-- > c->body;)
		if ((h = extract_copyright_holder(c->u.v[i].text)) != NULL) {
			c->a->source = h;
			for (k = 0; k < c->body; k++)
				if (extract_same_headline(c->u.v[k].text, h))
					c->u.v[k].kind = U_META;
			return;
		}
}

/* Else its first line, when shaped like an outlet's name that holds a
 * word naming one ("Vellmar Courier", extract_is_masthead() 2) and set
 * over the site's row of links: the masthead. A menu's first item may
 * have that shape too ("Latest News"), but other items follow it. */
static void
source_from_masthead(struct ctx *c)
{
	struct unit *u = &c->u.v[0];

	if (c->body < 2 || u->kind == U_META ||
	    !extract_is_nav_bar(c->u.v[1].text) ||
	    extract_is_masthead(u->text) != 2)
		return;
	c->a->source = xstrdup(u->text);
	u->kind = U_META;
}

/* The units of a web page classed as prose or furniture. */
static void
judge_blocks(struct ctx *c)
{
	const char **texts;
	size_t i;

	texts = xcalloc(c->u.n + 1, sizeof(*texts));
	for (i = 0; i < c->u.n; i++)
		texts[i] = c->u.v[i].text;
	c->cls = xcalloc(c->u.n + 1, sizeof(*c->cls));
	blocks_judge(c->cls, &c->run, &c->run_end, texts, c->u.n);
	free(texts);
}

void
extract_article(struct article *a, const char *text, int flags,
    unsigned first_line)
{
	struct ctx c;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.flags = flags;
	split_units(&c.u, text, flags & EXTRACT_WRAPPED, first_line);
	if (flags & EXTRACT_WEB)
		judge_blocks(&c);
	c.body = (flags & EXTRACT_TITLED) && (flags & EXTRACT_WRAPPED) ? 0 :
	    find_body(&c);
	read_header(&c);
	extract_judge_body(&c);
	extract_drop_profile(&c);
	extract_tidy_end(&c);
	if (a->dateline == NULL)
		extract_cut_dateline(&c);
	if ((flags & EXTRACT_WEB) && a->source == NULL && a->url == NULL)
		source_from_footer(&c);
	if ((flags & EXTRACT_WEB) && a->source == NULL)
		source_from_masthead(&c);
	extract_collect(&c);
	for (i = 0; i < c.u.n; i++)
		free(c.u.v[i].text);
	free(c.u.v);
	free(c.cls);
}
