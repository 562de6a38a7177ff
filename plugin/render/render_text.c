/*
 * render_text.c: what the site writer (render.h) needs to make text
 * safe: cleaning, URL and JSON checks, dates, permalinks and language
 * tags.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/render_int.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* {==== Text, URL and JSON safety ==== */

static int
unwanted(int32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n';
	return cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0xfffe || cp == 0xffff;
}

/* The length of the prefix of s that render_clean() keeps as it is:
 * printable ASCII, tab and newline (most text), and well-formed UTF-8
 * sequences of wanted characters. */
static size_t
clean_prefix(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t cp;
	int k;
	size_t i = 0;

	while (i < len) {
		/* Eight printable ASCII bytes at a time: none has the top
		 * bit, none is below 0x20, none is 0x7f. */
		while (i + 8 <= len) {
			uint64_t w, x;

			memcpy(&w, u + i, 8);
			x = w ^ 0x7f7f7f7f7f7f7f7fULL;
			if ((w & 0x8080808080808080ULL) != 0 ||
			    ((w - 0x2020202020202020ULL) & ~w &
			    0x8080808080808080ULL) != 0 ||
			    ((x - 0x0101010101010101ULL) & ~x &
			    0x8080808080808080ULL) != 0)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			i++;
			continue;
		}
		if (u[i] == '\t' || u[i] == '\n') {
			i++;
			continue;
		}
		if (u[i] < 0x80)
			break;
		k = utf8_next(s + i, len - i, &cp);
		if (k < 0 || unwanted(cp))
			break;
		i += (size_t)k;
	}
	return i;
}

char *
render_clean(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len, i;
	int32_t cp;
	int k;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	i = clean_prefix(s, len);
	if (i == len)
		return xstrdup(s);
	buf_grow(&b, len);
	buf_put(&b, s, i);
	while (i < len) {
		k = utf8_next(s + i, len - i, &cp);
		if (k < 0) {
			BUF_PUTSL(&b, UTF8_REPLACEMENT);
			i++;
			continue;
		}
		if (!unwanted(cp))
			buf_put(&b, s + i, (size_t)k);
		i += (size_t)k;
	}
	return buf_detach(&b);
}

int
render_url_ok(const char *url)
{
	const char *p;
	size_t skip;

	if (url == NULL)
		return 0;
	if (strncasecmp(url, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		skip = 7;
	else
		return 0;
	p = url + skip;
	if (*p == '\0' || *p == '/' || *p == '?' || *p == '#' || *p == ':' ||
	    *p == '@' || strlen(url) > 2048)
		return 0;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '"' ||
		    *p == '\'' || *p == '<' || *p == '>' || *p == '\\' ||
		    *p == '`')
			return 0;
	return 1;
}

void
render_json_script(struct buf *out, const char *json)
{
	const char *p;

	for (p = json; *p != '\0'; p++) {
		if (*p == '<')
			BUF_PUTSL(out, "\\u003c");
		else if (*p == '>')
			BUF_PUTSL(out, "\\u003e");
		else if (*p == '&')
			BUF_PUTSL(out, "\\u0026");
		else if (strncmp(p, "\xe2\x80\xa8", 3) == 0) {
			BUF_PUTSL(out, "\\u2028");
			p += 2;
		} else if (strncmp(p, "\xe2\x80\xa9", 3) == 0) {
			BUF_PUTSL(out, "\\u2029");
			p += 2;
		} else
			buf_putc(out, *p);
	}
}

/* ====} */

/* {==== Dates ==== */

int
render_date_ok(const char *date)
{
	int i;

	if (date == NULL || strlen(date) != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? date[i] != '-' :
		    date[i] < '0' || date[i] > '9')
			return 0;
	return 1;
}

static time_t
date_time(const char *date)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8);
	return timegm(&tm);
}

time_t
render_build_time(struct article *const *v, size_t n)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	const char *newest = NULL;
	char *end;
	long long t;
	size_t i;

	if (env != NULL && *env != '\0') {
		errno = 0;
		t = strtoll(env, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 0)
			return (time_t)t;
	}
	for (i = 0; i < n; i++)
		if (render_date_ok(article_date(v[i])) &&
		    (newest == NULL || strcmp(article_date(v[i]), newest) > 0))
			newest = article_date(v[i]);
	return newest ? date_time(newest) : 0;
}

char *
render_iso(const struct render *r, const char *date)
{
	char s[32];

	if (!render_date_ok(date))
		return xstrdup(r->updated);
	snprintf(s, sizeof(s), "%.10sT00:00:00Z", date);
	return xstrdup(s);
}

char *
render_iso_time(time_t t)
{
	struct tm tm;
	char s[32];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(s);
}

/* ====} */

/* {==== Small helpers ==== */

void
render_jset(json_t *obj, const char *key, const char *s)
{
	size_t len;
	char *c;

	if (s == NULL || *s == '\0')
		return;
	len = strlen(s);
	if (clean_prefix(s, len) == len) {	/* the usual case: no copy */
		json_object_set_new(obj, key, json_stringn_nocheck(s, len));
		return;
	}
	c = render_clean(s);
	json_object_set_new(obj, key, json_stringn_nocheck(c, strlen(c)));
	free(c);
}

char *
render_root(const char *path)
{
	struct buf b = BUF_INIT;
	const char *p;

	for (p = path; *p != '\0'; p++)
		if (*p == '/')
			BUF_PUTSL(&b, "../");
	return buf_detach(&b);
}

/* A permalink is a relative directory path of safe names that we may
 * write under the output directory. */
int
render_permalink_ok(const char *p)
{
	const char *s;

	if (p == NULL || *p == '\0' || strlen(p) > 400)
		return 0;
	for (s = p; *s != '\0'; s++) {
		if ((s == p || s[-1] == '/') && (*s == '.' || *s == '/'))
			return 0;
		if (!(*s == '/' || *s == '-' || *s == '_' || *s == '.' ||
		    (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9')))
			return 0;
	}
	return s[-1] == '/';
}

/* Whether s looks like a BCP 47 language tag ("en", "pt-BR"): anything
 * else would be a lie in lang="" and inLanguage, so it is left out. */
int
render_lang_ok(const char *s)
{
	size_t i, run = 0;

	if (s == NULL || strlen(s) > 35)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '-' && run > 0 && i > 1)
			run = 0;
		else if (((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9' && i > 2)) && ++run <= 8)
			continue;
		else
			return 0;
	}
	return run > 0 && i >= 2;
}

/* ====} */
