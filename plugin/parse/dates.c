/* dates.c: dates in news text and URLs (dates.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse/dates.h"

/* Month names: full, and the shortest prefix accepted for each. */
static const struct {
	const char	*name;
	size_t		 minlen;
	int		 month;
} months[] = {
	{ "january", 3, 1 }, { "february", 3, 2 }, { "march", 3, 3 },
	{ "april", 3, 4 }, { "may", 3, 5 }, { "june", 3, 6 },
	{ "july", 3, 7 }, { "august", 3, 8 }, { "september", 3, 9 },
	{ "sept", 4, 9 }, { "october", 3, 10 }, { "november", 3, 11 },
	{ "december", 3, 12 },
	/* Russian stems (the genitive endings vary). */
	{ "январ", 10, 1 }, { "янв", 6, 1 }, { "феврал", 12, 2 },
	{ "фев", 6, 2 }, { "март", 8, 3 }, { "мар", 6, 3 },
	{ "апрел", 10, 4 }, { "апр", 6, 4 }, { "мая", 6, 5 }, { "май", 6, 5 },
	{ "июн", 6, 6 }, { "июл", 6, 7 }, { "август", 12, 8 },
	{ "авг", 6, 8 }, { "сентябр", 14, 9 }, { "сен", 6, 9 },
	{ "октябр", 12, 10 }, { "окт", 6, 10 }, { "ноябр", 10, 11 },
	{ "ноя", 6, 11 }, { "декабр", 12, 12 }, { "дек", 6, 12 },
};

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
isalpha8(int c)
{
	c &= 0xff;
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Lower-cases ASCII and the Cyrillic capitals of two-byte UTF-8. */
static size_t
word_lower(char *out, size_t cap, const char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len && o + 2 < cap) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			out[o++] = (char)(c + 32), i++;
		else if ((c >= 'a' && c <= 'z'))
			out[o++] = (char)c, i++;
		else if (c == 0xd0 && i + 1 < len) {
			unsigned char d = (unsigned char)s[i + 1];

			if (d >= 0x90 && d <= 0x9f) {	/* А..П -> а..п */
				out[o++] = (char)0xd0;
				out[o++] = (char)(d + 0x20);
			} else if (d >= 0xa0 && d <= 0xaf) {	/* Р..Я */
				out[o++] = (char)0xd1;
				out[o++] = (char)(d - 0x20);
			} else if (d >= 0xb0) {
				out[o++] = (char)c;
				out[o++] = (char)d;
			} else
				break;
			i += 2;
		} else if (c == 0xd1 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x8f) {
			out[o++] = (char)c;
			out[o++] = s[i + 1];
			i += 2;
		} else
			break;
	}
	out[o] = '\0';
	return i;
}

int
dates_month(const char *s, size_t len, size_t *used)
{
	char w[64];
	size_t n, wl, k;
	unsigned char c = len > 0 ? (unsigned char)s[0] : 0;

	/* Every word start is tried: most cannot begin a month name (an
	 * ASCII letter of none, or a byte that is not Cyrillic). */
	if (c == 0 || (c < 0x80 && (c | 32) != 'j' && (c | 32) != 'f' &&
	    (c | 32) != 'm' && (c | 32) != 'a' && (c | 32) != 's' &&
	    (c | 32) != 'o' && (c | 32) != 'n' && (c | 32) != 'd') ||
	    (c >= 0x80 && c != 0xd0 && c != 0xd1))
		return 0;
	n = word_lower(w, sizeof(w), s, len);
	wl = strlen(w);
	if (wl == 0 || (n < len && isalpha8(s[n])))
		return 0;
	for (k = 0; k < sizeof(months) / sizeof(months[0]); k++) {
		size_t ml;

		/* Both tests below compare the first byte. */
		if (w[0] != months[k].name[0] || wl < months[k].minlen)
			continue;
		ml = strlen(months[k].name);
		/* A prefix of the name, or the stem followed by an ending. */
		if ((wl <= ml && strncmp(w, months[k].name, wl) == 0) ||
		    ((unsigned char)months[k].name[0] >= 0x80 &&
		    wl > ml && wl <= ml + 4 &&
		    strncmp(w, months[k].name, ml) == 0)) {
			if (n < len && s[n] == '.')
				n++;
			*used = n;
			return months[k].month;
		}
	}
	return 0;
}

/* Reads 1..max digits; returns the count read (0 if none). */
static size_t
num(const char *s, size_t len, size_t max, int *v)
{
	size_t i = 0;

	*v = 0;
	while (i < len && i < max && isdig(s[i]))
		*v = *v * 10 + (s[i++] - '0');
	if (i < len && isdig(s[i]))
		return 0;
	return i;
}

/* Whether y-m-d is a day of the calendar: no 2025-13-45, no 30 Feb. */
static int
real_day(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m >= 1 && m <= 12 && d >= 1 &&
	    d <= mdays[m - 1] + (m == 2 && leap);
}

/* A date found in news text: a real day of a plausible year. */
static int
valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2100 && real_day(y, m, d);
}

int
dates_valid_iso(const char *s)
{
	int y = 0, m = 0, d = 0, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdig(s[i]))
			return 0;
	sscanf(s, "%4d-%2d-%2d", &y, &m, &d);
	return y >= 1000 && real_day(y, m, d);
}

static void
put(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static size_t
skip_sp(const char *s, size_t len, size_t i, int comma)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' ||
	    (comma && s[i] == ',')))
		i++;
	return i;
}

/* Starting at a digit: year first, day first numeric, or day month year. */
static size_t
at_digit(char out[11], const char *s, size_t len)
{
	int a, b, c;
	size_t i, n, used;
	char sep;

	if ((n = num(s, len, 4, &a)) == 0)
		return 0;
	i = n;
	if (i + 1 < len && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
		sep = s[i++];
		if (n == 4 && (n = num(s + i, len - i, 2, &b)) > 0 &&
		    i + n < len && s[i + n] == sep &&
		    num(s + i + n + 1, len - i - n - 1, 2, &c) > 0 &&
		    valid(a, b, c)) {
			put(out, a, b, c);
			return i + n + 1 + num(s + i + n + 1, len - i - n - 1,
			    2, &c);
		}
		if (n > 2)
			return 0;
		if ((n = num(s + i, len - i, 2, &b)) > 0) {
			i += n;
			if (i < len && s[i] == sep &&
			    num(s + i + 1, len - i - 1, 4, &c) == 4 &&
			    valid(c, b, a)) {
				put(out, c, b, a);
				return i + 5;
			}
			return 0;
		}
		if ((b = dates_month(s + i, len - i, &used)) != 0 &&
		    i + used < len && s[i + used] == sep &&
		    num(s + i + used + 1, len - i - used - 1, 4, &c) == 4 &&
		    valid(c, b, a)) {
			put(out, c, b, a);
			return i + used + 5;
		}
		return 0;
	}
	if (n > 2)
		return 0;
	i = skip_sp(s, len, i, 0);
	if (i == n || (b = dates_month(s + i, len - i, &used)) == 0)
		return 0;
	i = skip_sp(s, len, i + used, 1);
	if (num(s + i, len - i, 4, &c) == 4 && valid(c, b, a)) {
		put(out, c, b, a);
		return i + 4;
	}
	return 0;
}

/* Starting at a month name: "December 01, 2021", "Feb. 27 2026". */
static size_t
at_month(char out[11], const char *s, size_t len)
{
	int m, d, y;
	size_t i, n, used;

	if ((m = dates_month(s, len, &used)) == 0)
		return 0;
	i = skip_sp(s, len, used, 0);
	if (i == used || (n = num(s + i, len - i, 2, &d)) == 0)
		return 0;
	i += n;
	if (i + 1 < len && (s[i] == 's' || s[i] == 'n' || s[i] == 'r' ||
	    s[i] == 't') && isalpha8(s[i + 1]))
		i += 2;			/* 1st, 2nd, 3rd, 4th */
	i = skip_sp(s, len, i, 1);
	if (num(s + i, len - i, 4, &y) == 4 && valid(y, m, d)) {
		put(out, y, m, d);
		return i + 4;
	}
	return 0;
}

size_t
dates_find(char out[11], const char *s, size_t len)
{
	size_t i, n;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int boundary = i == 0 || !(isalpha8(s[i - 1]) ||
		    isdig(s[i - 1]));

		if (!boundary)
			continue;
		if (isdig(c))
			n = at_digit(out, s + i, len - i);
		else if (isalpha8(c))
			n = at_month(out, s + i, len - i);
		else
			continue;
		if (n > 0)
			return i + n;
	}
	return 0;
}

int
dates_from_url(char out[11], const char *url)
{
	const char *p = url;
	int y, m, d;
	size_t n, used;

	while ((p = strchr(p, '/')) != NULL) {
		p++;
		if (num(p, strlen(p), 4, &y) != 4 || p[4] != '/' ||
		    y < 1900 || y > 2100)
			continue;
		if ((n = num(p + 5, strlen(p + 5), 2, &m)) == 0) {
			if ((m = dates_month(p + 5, strlen(p + 5), &used)) == 0)
				continue;
			n = used;
		}
		if (p[5 + n] != '/' ||
		    num(p + 6 + n, strlen(p + 6 + n), 2, &d) == 0 ||
		    !valid(y, m, d))
			continue;
		put(out, y, m, d);
		return 0;
	}
	return -1;
}
