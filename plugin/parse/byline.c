/* byline.c: bylines, agencies, datelines and outlets (byline.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/byline.h"
#include "parse/dates.h"
#include "core/xalloc.h"

static const struct {
	const char	*alias;
	const char	*name;
} agencies[] = {
	{ "AFP", "AFP" }, { "Agence France-Presse", "AFP" },
	{ "Agence France Presse", "AFP" },
	{ "Reuters", "Reuters" }, { "Reuter", "Reuters" },
	{ "Thomson Reuters", "Reuters" },
	{ "AP", "AP" }, { "Associated Press", "AP" },
	{ "The Associated Press", "AP" },
	{ "dpa", "dpa" }, { "Deutsche Presse-Agentur", "dpa" },
	{ "Anadolu Agency", "Anadolu Agency" }, { "Anadolu", "Anadolu Agency" },
	{ "AA", "Anadolu Agency" },
	{ "Xinhua", "Xinhua" }, { "EFE", "EFE" }, { "ANSA", "ANSA" },
	{ "UPI", "UPI" }, { "PTI", "PTI" }, { "IANS", "IANS" },
	{ "ANI", "ANI" }, { "Kyodo", "Kyodo" }, { "Yonhap", "Yonhap" },
	{ "TASS", "TASS" }, { "Interfax", "Interfax" },
	{ "Ukrinform", "Ukrinform" }, { "Bloomberg", "Bloomberg" },
	{ "РИА Новости", "РИА Новости" }, { "ИТАР-ТАСС", "ИТАР-ТАСС" },
	{ "ТАСС", "ТАСС" }, { "Интерфакс", "Интерфакс" },
};

/* Outlets that are named in datelines but are not wire agencies. */
static const char *const dateline_outlets[] = {
	"CNN", "BBC", "CNBC", "NPR", "Fox News", "Bloomberg News",
};

static int
is_space(int c)
{
	return c == ' ' || c == '\t';
}

/* The first character at s is an upper-case letter (ASCII, Latin-1
 * supplement, Cyrillic). */
static int
upper_at(const char *s)
{
	unsigned char c = (unsigned char)s[0], d = (unsigned char)s[1];

	if (c >= 'A' && c <= 'Z')
		return 1;
	if (c == 0xc3)
		return d >= 0x80 && d <= 0x9e && d != 0x97;
	if (c == 0xc4 || c == 0xc5)	/* Latin Extended-A: even = upper */
		return (d & 1) == 0;
	if (c == 0xd0)
		return d >= 0x80 && d <= 0xaf;
	return 0;
}

static int
lower_at(const char *s)
{
	unsigned char c = (unsigned char)s[0], d = (unsigned char)s[1];

	if (c >= 'a' && c <= 'z')
		return 1;
	if (c == 0xc3)
		return d >= 0x9f && d <= 0xbf;
	if (c == 0xd0)
		return d >= 0xb0;
	if (c == 0xd1)
		return d >= 0x80 && d <= 0x9f;
	return 0;
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (is_space(**s) || **s == ',')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (is_space((*s)[*len - 1]) || (*s)[*len - 1] ==
	    ',' || (*s)[*len - 1] == '|'))
		(*len)--;
}

static unsigned char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') :
	    (unsigned char)c;
}

const char *
byline_agency(const char *s, size_t len)
{
	size_t k;

	trim(&s, &len);
	if (len == 0)
		return NULL;
	/* An alias that matches, even ignoring case, starts with the same
	 * letter: that test is cheaper than measuring every alias. */
	for (k = 0; k < sizeof(agencies) / sizeof(agencies[0]); k++)
		if (ascii_lower(*s) == ascii_lower(*agencies[k].alias) &&
		    strlen(agencies[k].alias) == len &&
		    (strncmp(s, agencies[k].alias, len) == 0 ||
		    (len > 3 && strncasecmp(s, agencies[k].alias, len) == 0)))
			return agencies[k].name;
	return NULL;
}

static const char *
dateline_outlet(const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < sizeof(dateline_outlets) / sizeof(*dateline_outlets);
	    k++)
		if (strlen(dateline_outlets[k]) == len &&
		    strncmp(s, dateline_outlets[k], len) == 0)
			return dateline_outlets[k];
	return NULL;
}

/* One token of a personal name: "Olga", "T", "A.Š.", "D'Afflisio",
 * "Zhdannikov", "KOSTENKO", or a particle ("de", "van", "al-"). */
static int
name_token(const char *s, size_t len)
{
	static const char *const particles[] = {
		"de", "da", "del", "della", "di", "du", "van", "von", "der",
		"den", "le", "la", "bin", "ibn", "al", "el", "y", "dos",
	};
	size_t k;

	for (k = 0; k < sizeof(particles) / sizeof(*particles); k++)
		if (strlen(particles[k]) == len &&
		    strncmp(s, particles[k], len) == 0)
			return 1;
	if (len > 24 || !upper_at(s))
		return 0;
	for (k = 0; k < len; k++)
		if ((s[k] >= '0' && s[k] <= '9') || s[k] == ':' ||
		    s[k] == '@' || s[k] == '/')
			return 0;
	return 1;
}

int
byline_is_names(const char *s, size_t len)
{
	size_t i = 0, start, ntok = 0;

	trim(&s, &len);
	if (len < 2)
		return 0;
	while (i < len) {
		while (i < len && is_space(s[i]))
			i++;
		start = i;
		while (i < len && !is_space(s[i]))
			i++;
		if (i == start)
			break;
		if (!name_token(s + start, i - start))
			return 0;
		ntok++;
	}
	return ntok >= 1 && ntok <= 5;
}

/* Cuts a trailing agency credit: ", Reuters", " for AFP", " | AFP",
 * " (AFP)", " - AFP", " AFP". */
static size_t
cut_agency(const char **agency, const char *s, size_t len)
{
	static const char *const seps[] = {
		" for ", ", ", " | ", " - ", " / ", " (", " ",
	};
	size_t k, i, seplen, tl;

	for (k = 0; k < sizeof(seps) / sizeof(*seps); k++) {
		seplen = strlen(seps[k]);
		for (i = len; i-- > seplen;) {
			if (strncmp(s + i - seplen, seps[k], seplen) != 0)
				continue;
			tl = len - i;
			if (tl > 0 && s[len - 1] == ')')
				tl--;
			if ((*agency = byline_agency(s + i, tl)) != NULL)
				return i - seplen;
			break;
		}
	}
	return len;
}

/* The most names one byline holds. */
#define NAMES_MAX	8

/* The length of the first of seps (NULL-ended) that s[0..n) opens
 * with, or 0. */
static size_t
sep_at(const char *s, size_t n, const char *const *seps)
{
	size_t k, sl;

	for (k = 0; seps[k] != NULL; k++) {
		if (*s != *seps[k])
			continue;	/* most bytes: no call */
		sl = strlen(seps[k]);
		if (sl <= n && strncmp(s, seps[k], sl) == 0)
			return sl;
	}
	return 0;
}

/*
 * Splits s[0..len) at each of seps into names, each trimmed (a piece
 * left empty is skipped) and each one that is_name accepts. Returns 0
 * with the names added to out, or -1 (out untouched) when a piece is no
 * name, or there are none or more than NAMES_MAX.
 */
static int
split_at(struct strv *out, const char *s, size_t len,
    const char *const *seps, int (*is_name)(const char *, size_t))
{
	struct strv tmp = STRV_INIT;
	size_t i, k, sl, pl, start = 0;
	const char *p;
	int rc = -1;

	for (i = 0; i <= len; i++) {
		sl = i == len ? 1 : sep_at(s + i, len - i, seps);
		if (sl == 0)
			continue;
		p = s + start;
		pl = i - start;
		trim(&p, &pl);
		if (pl > 0) {
			if (!is_name(p, pl) || tmp.n == NAMES_MAX)
				goto out;
			strv_pushn(&tmp, p, pl);
		}
		start = i + sl;
		i = start - 1;
	}
	if (tmp.n == 0)
		goto out;
	for (k = 0; k < tmp.n; k++)
		strv_push(out, tmp.v[k]);
	rc = 0;
out:
	strv_dispose(&tmp);
	return rc;
}

/* Splits "A, B and C" into names; all must look like names. */
static int
split_names(struct strv *out, const char *s, size_t len)
{
	static const char *const seps[] = { ",", ";", " and ", " & ", NULL };

	return split_at(out, s, len, seps, byline_is_names);
}

/* "Meridian Press", "Norland News Agency", "NP": a wire service by its
 * name; "The Daily Courier" or "Al Jazeera" is an outlet, no agency. */
static int
wire_name(const char *s, size_t len)
{
	static const char *const last[] = {
		" Press", " Agency", " Wire", " Service",
	};
	size_t k, n, i;

	for (k = 0; k < sizeof(last) / sizeof(*last); k++) {
		n = strlen(last[k]);
		if (len > n && strncmp(s + len - n, last[k], n) == 0)
			return 1;
	}
	for (i = 0; i < len; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return len >= 2 && len <= 5;
}

/* "Anna Kovar for Meridian Press": the offset of the last " for "
 * followed by one to four capitalised words (a service the table of
 * agencies does not know), else 0. */
static size_t
for_credit(const char *s, size_t len)
{
	size_t i;

	for (i = len; i-- > 0;)
		if (i + 5 < len && strncmp(s + i, " for ", 5) == 0)
			return byline_is_names(s + i + 5, len - i - 5) &&
			    len - i - 5 <= 40 ? i : 0;
	return 0;
}

int
byline_parse(struct strv *out, char **agency, const char *s)
{
	const char *ag = NULL, *p;
	size_t len, fl;

	while (is_space(*s))
		s++;
	if (strncasecmp(s, "by", 2) != 0 || !(is_space(s[2]) || s[2] == ':'))
		return -1;
	p = s + 3;
	len = strlen(p);
	trim(&p, &len);
	if (len == 0 || len > 200)
		return -1;
	if ((ag = byline_agency(p, len)) != NULL) {
		*agency = xstrdup(ag);
		return 0;
	}
	len = cut_agency(&ag, p, len);
	if (ag == NULL && (fl = for_credit(p, len)) > 0) {
		if (split_names(out, p, fl) < 0)
			return -1;
		if (wire_name(p + fl + 5, len - fl - 5))
			*agency = xstrndup(p + fl + 5, len - fl - 5);
		return 0;
	}
	if (split_names(out, p, len) < 0)
		return -1;
	if (ag != NULL)
		*agency = xstrdup(ag);
	return 0;
}

static int
all_caps(const char *s, size_t len)
{
	size_t i, letters = 0;

	for (i = 0; i < len; i++) {
		if (lower_at(s + i))
			return 0;
		if (upper_at(s + i))
			letters++;
	}
	return letters >= 2;
}

int
byline_is_caps(const char *s)
{
	return all_caps(s, strlen(s));
}

/* A name as agencies write it, given names first and the surname in
 * capitals: "Marta KOWALSKA", "Jean-Luc DUPONT-MARTIN": two to four
 * name tokens, the first not in capitals, the last in capitals (a line
 * all in capitals is a heading; "NATO Summit" is no name). */
static int
agency_style_name(const char *s, size_t len)
{
	size_t i = 0, start, ntok = 0;
	int first_mixed = 0, last_caps = 0;

	trim(&s, &len);
	if (!byline_is_names(s, len))
		return 0;
	while (i < len) {
		while (i < len && is_space(s[i]))
			i++;
		for (start = i; i < len && !is_space(s[i]);)
			i++;
		if (i == start)
			break;
		last_caps = all_caps(s + start, i - start);
		if (ntok++ == 0)
			first_mixed = !last_caps && upper_at(s + start);
	}
	return ntok >= 2 && ntok <= 4 && first_mixed && last_caps;
}

/* Drops a trailing " in Place" (one to three capitalised words) from
 * [s, s + *len): where the reporters filed from. */
static void
cut_place(const char *s, size_t *len)
{
	size_t i;

	for (i = *len; i-- > 4;)
		if (strncmp(s + i - 4, " in ", 4) == 0) {
			if (byline_is_names(s + i, *len - i) &&
			    *len - i <= 40)
				*len = i - 4;
			return;
		}
}

/* Splits agency-style names joined by ", ", " and " or " with ". */
static int
split_agency_style(struct strv *out, const char *s, size_t len)
{
	static const char *const seps[] = { ",", " and ", " with ", NULL };

	return split_at(out, s, len, seps, agency_style_name);
}

/* A byline is short: a longer line is no byline without "By". */
#define CREDIT_MAX	120

/* Where the agency credit starts in s[0..len): after the last ", ",
 * " / " or " (" (*sep set to that separator's offset); 0 when there is
 * none. */
static size_t
credit_tail(size_t *sep, const char *s, size_t len)
{
	size_t i;

	for (i = len; i-- > 1;)
		if ((s[i] == ' ' && s[i - 1] == ',') || (i + 1 < len &&
		    s[i - 1] == ' ' && s[i + 1] == ' ' && s[i] == '/') ||
		    (s[i] == '(' && s[i - 1] == ' ')) {
			*sep = i - 1;
			return s[i] == '/' ? i + 2 : i + 1;
		}
	return 0;
}

/* Whether s[0..len) holds a word in capitals of two letters or more. */
static int
has_caps_word(const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len) {
		while (i < len && is_space(s[i]))
			i++;
		for (start = i; i < len && !is_space(s[i]);)
			i++;
		if (i > start + 1 && all_caps(s + start, i - start))
			return 1;
	}
	return 0;
}

int
byline_credit(struct strv *out, char **agency, const char *s)
{
	const char *ag;
	size_t len = strlen(s), tail, sep = 0, tl;

	trim(&s, &len);
	if (len == 0 || len > CREDIT_MAX || !upper_at(s))
		return -1;
	/* Names, then the agency they file for, after a comma, a slash
	 * or in brackets: "Headline - Agency" and "Section | Agency" are
	 * a page's title and its menu. */
	if ((tail = credit_tail(&sep, s, len)) > 0 && sep > 0) {
		tl = len - tail;
		if (tl > 0 && s[len - 1] == ')')
			tl--;
		while (tl > 0 && s[tail] == ' ')
			tail++, tl--;
		if ((ag = byline_agency(s + tail, tl)) != NULL) {
			if (split_names(out, s, sep) < 0 &&
			    split_agency_style(out, s, sep) < 0)
				return -1;
			*agency = xstrdup(ag);
			return 0;
		}
	}
	/* No agency: the surnames in capitals say it is a byline. */
	if (!has_caps_word(s, len))
		return -1;
	cut_place(s, &len);
	return split_agency_style(out, s, len);
}

/* Length of a dash separator at s (" - ", " -- ", " – ", " — "), 0 if
 * none. */
static size_t
dash_at(const char *s)
{
	if (s[0] != ' ')
		return 0;
	if (strncmp(s + 1, "-- ", 3) == 0)
		return 4;
	if (strncmp(s + 1, "- ", 2) == 0)
		return 3;
	if (strncmp(s + 1, "\xe2\x80\x93 ", 4) == 0 ||
	    strncmp(s + 1, "\xe2\x80\x94 ", 4) == 0)
		return 5;
	return 0;
}

/* Drops a date part (", Feb 26", ", 4 авг") from the end of a place. */
static size_t
place_len(const char *s, size_t len)
{
	size_t i, used;

	for (i = len; i-- > 0;) {
		const char *p;

		if (s[i] != ',')
			continue;
		p = s + i + 1;
		while (is_space(*p))
			p++;
		if (dates_month(p, len - (size_t)(p - s), &used) ||
		    (*p >= '0' && *p <= '9'))
			len = i;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	return len;
}

static int
place_ok(const char *s, size_t len, int strict)
{
	size_t i, words = 1;

	if (len < 2 || len > 60 || !upper_at(s))
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == ' ')
			words++;
		if (s[i] == '.' && !(i + 1 == len || s[i + 1] == ','))
			return 0;
		if (s[i] == '"' || s[i] == '(' || s[i] == ')')
			return 0;
	}
	if (words > 6)
		return 0;
	return !strict || all_caps(s, len) || memchr(s, '/', len) != NULL;
}

/* "Vellmar" in "Vellmar \u2013 Residents ...": one capitalised word, as a
 * place in a dateline set in title case is; with the typographic dash
 * and a capital after it, no sentence starts that way. */
static int
one_name(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == ' ' || s[i] == ',' || s[i] == '.')
			return 0;
	return upper_at(s);
}

/* "MP", "ANP": two to five capitals, the way a wire service is credited
 * in "PLACE (ABBR) - "; what the table of agencies does not know is
 * still a credit there, after a place in capitals. */
static int
wire_abbrev(const char *s, size_t len)
{
	size_t i;

	if (len < 2 || len > 5)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

size_t
byline_dateline(char **place, char **agency, char **outlet, const char *s)
{
	const char *open, *close, *ag;
	size_t n, d, pl, i;

	*place = *agency = *outlet = NULL;
	if (strncmp(s, "\xe3\x80\x90", 3) == 0 &&	/* 【6月18日 AFP】 */
	    (close = strstr(s, "\xe3\x80\x91")) != NULL && close - s < 60) {
		for (i = (size_t)(close - s); i > 3 && s[i - 1] != ' '; i--)
			;
		if ((ag = byline_agency(s + i, (size_t)(close - s) - i)))
			*agency = xstrdup(ag);
		return (size_t)(close - s) + 3;
	}
	open = strchr(s, '(');
	if (open != NULL && open - s < 70 && (close = strchr(open, ')')) &&
	    close - open < 30 && (d = dash_at(close + 1)) > 0) {
		pl = place_len(s, (size_t)(open - s));
		if (pl > 0 && !place_ok(s, pl, 0))
			return 0;
		if ((ag = byline_agency(open + 1, (size_t)(close - open - 1))))
			*agency = xstrdup(ag);
		else if ((ag = dateline_outlet(open + 1,
		    (size_t)(close - open - 1))))
			*outlet = xstrdup(ag);
		else if (pl > 0 && all_caps(s, pl) &&
		    (wire_abbrev(open + 1, (size_t)(close - open - 1)) ||
		    wire_name(open + 1, (size_t)(close - open - 1))))
			*agency = xstrndup(open + 1,
			    (size_t)(close - open - 1));
		else
			return 0;
		if (pl > 0)
			*place = xstrndup(s, pl);
		return (size_t)(close + 1 - s) + d;
	}
	for (n = 0; s[n] != '\0' && n < 70; n++) {
		if ((d = dash_at(s + n)) > 0 || (s[n] == ':' && s[n + 1] == ' '
		    && upper_at(s + n + 2) && (d = 2) > 0))
			break;
	}
	if (d == 0 || n >= 70)
		return 0;
	pl = place_len(s, n);
	if (!place_ok(s, pl, 1) && !(place_ok(s, pl, 0) &&
	    one_name(s, pl) && d > 3 && upper_at(s + n + d)))
		return 0;
	*place = xstrndup(s, pl);
	n += d;
	/* "МОСКВА, 4 авг - РИА Новости. " */
	if ((close = strstr(s + n, ". ")) != NULL && close - (s + n) < 40 &&
	    (ag = byline_agency(s + n, (size_t)(close - (s + n)))) != NULL) {
		*agency = xstrdup(ag);
		n = (size_t)(close + 2 - s);
	}
	return n;
}

char *
byline_place(const char *s)
{
	size_t len, used, i;
	const char *p;
	int has_date = 0;

	while (is_space(*s))
		s++;
	len = strlen(s);
	while (len > 0 && (is_space(s[len - 1]) || s[len - 1] == '-'))
		len--;
	for (i = 0; i < len; i++)
		if (s[i] == ',') {
			p = s + i + 1;
			while (is_space(*p))
				p++;
			if (dates_month(p, len - (size_t)(p - s), &used))
				has_date = 1;
		}
	if (!has_date)
		return NULL;
	len = place_len(s, len);
	return len > 0 ? xstrndup(s, len) : NULL;
}

size_t
byline_title_suffix(char **outlet, const char *s)
{
	const char *bar, *last = NULL, *first, *p;
	size_t len = strlen(s), ol, words = 1;

	*outlet = NULL;
	if ((first = strstr(s, " | ")) != NULL) {
		for (bar = first; bar != NULL; bar = strstr(bar + 3, " | "))
			last = bar;
		p = last + 3;
		ol = strlen(p);
		trim(&p, &ol);
		if (ol > 0)
			*outlet = xstrndup(p, ol);
		return (size_t)(first - s);
	}
	for (p = s + len; p-- > s;) {
		size_t d = dash_at(p);

		if (d == 0 || (p[1] == '-' && p[2] == '-'))
			continue;
		ol = len - (size_t)(p + d - s);
		for (bar = p + d; bar < s + len; bar++)
			words += *bar == ' ';
		if (ol == 0 || ol > 40 || words > 4 || !upper_at(p + d) ||
		    p - s < 15)
			return len;
		*outlet = xstrndup(p + d, ol);
		return (size_t)(p - s);
	}
	return len;
}

int
byline_staff(struct strv *out, const char *s)
{
	static const char *const roles[] = {
		"Staff Reporter", "Staff Writer", "Staff Correspondent",
		"Correspondent", "Senior Reporter", "Reporter",
	};
	const char *comma = strrchr(s, ',');
	size_t k, len;

	/* "CLARA BENN, Staff Reporter": a byline without "By" that the
	 * role after the comma shows to be one. */
	if (comma == NULL || comma[1] != ' ')
		return -1;
	for (k = 0; k < sizeof(roles) / sizeof(*roles); k++)
		if (strcasecmp(comma + 2, roles[k]) == 0)
			break;
	len = (size_t)(comma - s);
	if (k == sizeof(roles) / sizeof(*roles) || !byline_is_names(s, len))
		return -1;
	strv_pushn(out, s, len);
	return 0;
}
