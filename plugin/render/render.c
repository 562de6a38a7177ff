/*
 * render.c: the site writer (render.h). Set-up and shared helpers: text
 * cleaning, URL and JSON safety, the terms of every tag kind, article
 * cards, templates and file writing. The pages themselves are in
 * render_pages.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "render/md.h"
#include "render/render_int.h"
#include "parse/slug.h"
#include "render/tmpl.h"
#include "core/xalloc.h"

/* Kinds shown first, in this order; others follow by name. */
static const char *const kind_order[] = {
	"people", "places", "organisations", "topics"
};

/* Top-level names that pages of the site itself use. */
static const char *const reserved[] = {
	"articles", "archive", "assets", "page", "search", "tags"
};

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
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
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
		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0 || unwanted(cp))
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
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	i = clean_prefix(s, len);
	if (i == len)
		return xstrdup(s);
	buf_grow(&b, len);
	buf_put(&b, s, i);
	while (i < len) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			BUF_PUTSL(&b, "\xef\xbf\xbd");
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
		if (render_date_ok(v[i]->date) &&
		    (newest == NULL || strcmp(v[i]->date, newest) > 0))
			newest = v[i]->date;
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
static int
permalink_ok(const char *p)
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
static int
lang_ok(const char *s)
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

static char *
kind_title(const char *name)
{
	char *t = render_clean(name);

	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

/* ====} */

/* {==== Terms of every kind ==== */

static struct kind *
kind_get(struct render *r, const char *name)
{
	struct kind *k;
	size_t i;

	for (i = 0; i < r->nkinds; i++)
		if (strcmp(r->kinds[i].name, name) == 0)
			return &r->kinds[i];
	r->kinds = xreallocarray(r->kinds, r->nkinds + 1, sizeof(*k));
	k = &r->kinds[r->nkinds++];
	memset(k, 0, sizeof(*k));
	k->name = render_clean(name);
	k->title = kind_title(name);
	k->byname = json_object();
	return k;
}

static void
term_add(struct render *r, const char *kname, const char *name, size_t art)
{
	struct kind *k;
	struct term *t;
	json_t *ix;
	char *clean;

	if (name == NULL || *name == '\0' || kname == NULL || *kname == '\0')
		return;
	k = kind_get(r, kname);
	clean = render_clean(name);
	if ((ix = json_object_get(k->byname, clean)) != NULL) {
		t = &k->terms[json_integer_value(ix)];
		free(clean);
		if (t->n > 0 && t->arts[t->n - 1] == art)
			return;
	} else {
		if (k->nterms == k->cap) {
			k->cap = k->cap ? k->cap * 2 : 16;
			k->terms = xreallocarray(k->terms, k->cap,
			    sizeof(*t));
		}
		json_object_set_new(k->byname, clean,
		    json_integer((json_int_t)k->nterms));
		t = &k->terms[k->nterms++];
		memset(t, 0, sizeof(*t));
		t->name = clean;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4;
		t->arts = xreallocarray(t->arts, t->cap, sizeof(size_t));
	}
	t->arts[t->n++] = art;
}

static int
term_cmp(const void *a, const void *b)
{
	const struct term *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	return c ? c : strcmp(x->name, y->name);
}

static int
kind_rank(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(kind_order) / sizeof(kind_order[0]); i++)
		if (strcmp(name, kind_order[i]) == 0)
			return (int)i;
	if (strcmp(name, "sources") == 0)
		return 100;
	if (strcmp(name, "agencies") == 0)
		return 101;
	return 50;
}

static int
kind_cmp(const void *a, const void *b)
{
	const struct kind *x = a, *y = b;
	int rx = kind_rank(x->name), ry = kind_rank(y->name);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Gives each name in v[0..n) a slug unique among them, in order: the
 * slug that md.c links to, then SLUG-2, SLUG-3 (from a shorter slug, so
 * that all stay within SLUG_MAX). With top, names that the site's own
 * directories use get a "tag-" prefix. */
static void
unique_slugs(char **out, char *const *names, size_t n, int top)
{
	json_t *seen = json_object();
	struct buf b = BUF_INIT;
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		char *s = slug_make(names[i], SLUG_MAX);

		for (j = 0; top && j < sizeof(reserved) / sizeof(*reserved);
		    j++)
			if (strcmp(s, reserved[j]) == 0) {
				buf_reset(&b);
				buf_printf(&b, "tag-%s", s);
				free(s);
				s = xstrdup(b.data);
			}
		for (k = 2; json_object_get(seen, s) != NULL; k++) {
			char *base = slug_make(names[i], SLUG_MAX - 8);

			buf_reset(&b);
			buf_printf(&b, "%s-%zu", base, k);
			free(base);
			free(s);
			s = xstrdup(b.data);
		}
		json_object_set_new(seen, s, json_true());
		out[i] = s;
	}
	buf_dispose(&b);
	json_decref(seen);
}

static void
finish_kinds(struct render *r)
{
	char **names, **slugs;
	size_t i, j;

	if (r->nkinds == 0)
		return;
	sort_array(r->kinds, r->nkinds, sizeof(*r->kinds), kind_cmp);
	names = xcalloc(r->nkinds + 1, sizeof(char *));
	slugs = xcalloc(r->nkinds + 1, sizeof(char *));
	for (i = 0; i < r->nkinds; i++)
		names[i] = r->kinds[i].name;
	unique_slugs(slugs, names, r->nkinds, 1);
	for (i = 0; i < r->nkinds; i++)
		r->kinds[i].slug = slugs[i];
	for (i = 0; i < r->nkinds; i++) {
		struct kind *k = &r->kinds[i];

		sort_array(k->terms, k->nterms, sizeof(*k->terms), term_cmp);
		json_object_clear(k->byname);
		names = xreallocarray(names, k->nterms + 1, sizeof(char *));
		slugs = xreallocarray(slugs, k->nterms + 1, sizeof(char *));
		for (j = 0; j < k->nterms; j++) {
			names[j] = k->terms[j].name;
			json_object_set_new(k->byname, names[j],
			    json_integer((json_int_t)j));
		}
		unique_slugs(slugs, names, k->nterms, 0);
		for (j = 0; j < k->nterms; j++)
			k->terms[j].slug = slugs[j];
	}
	free(names);
	free(slugs);
}

static void
collect_terms(struct render *r)
{
	const struct article *a;
	size_t i, j;

	for (i = 0; i < r->norder; i++) {
		a = r->o->articles[r->order[i]];
		for (j = 0; j < a->ntags; j++)
			term_add(r, a->tags[j].kind, a->tags[j].name,
			    r->order[i]);
		term_add(r, "sources", a->source, r->order[i]);
		term_add(r, "agencies", a->agency, r->order[i]);
	}
	finish_kinds(r);
}

const struct term *
render_term(const struct render *r, const char *kind, const char *name,
    const struct kind **kout)
{
	json_t *ix;
	char *clean;
	size_t i;

	for (i = 0; i < r->nkinds; i++) {
		if (strcmp(r->kinds[i].name, kind) != 0)
			continue;
		/* Names are keys as render_clean() made them; most are
		 * clean already. */
		if ((ix = json_object_get(r->kinds[i].byname, name)) == NULL) {
			clean = render_clean(name);
			ix = json_object_get(r->kinds[i].byname, clean);
			free(clean);
		}
		if (ix == NULL)
			return NULL;
		*kout = &r->kinds[i];
		return &r->kinds[i].terms[json_integer_value(ix)];
	}
	return NULL;
}

char *
render_term_href(const struct kind *k, const struct term *t)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, k->slug);
	buf_putc(&b, '/');
	buf_puts(&b, t->slug);
	BUF_PUTSL(&b, "/index.html");
	return buf_detach(&b);
}

static void
free_kinds(struct render *r)
{
	size_t i, j;

	for (i = 0; i < r->nkinds; i++) {
		struct kind *k = &r->kinds[i];

		for (j = 0; j < k->nterms; j++) {
			json_decref(k->terms[j].json);
			free(k->terms[j].name);
			free(k->terms[j].slug);
			free(k->terms[j].arts);
		}
		free(k->terms);
		free(k->name);
		free(k->slug);
		free(k->title);
		json_decref(k->byname);
	}
	free(r->kinds);
}

/* ====} */

/* {==== Article order and cards ==== */

/* What the order of articles depends on, so that qsort needs no
 * context. */
struct okey {
	const char	*date;		/* NULL: undated, last */
	const char	*permalink;
	size_t		 i;
};

static int
newest_first(const void *a, const void *b)
{
	const struct okey *x = a, *y = b;
	int c;

	if ((x->date == NULL) != (y->date == NULL))
		return x->date ? -1 : 1;
	if (x->date && (c = strcmp(y->date, x->date)) != 0)
		return c;
	return strcmp(x->permalink, y->permalink);
}

static void
order_articles(struct render *r)
{
	struct okey *keys;
	struct pos pos;
	size_t i, n = 0;

	keys = xcalloc(r->o->n + 1, sizeof(*keys));
	for (i = 0; i < r->o->n; i++) {
		const struct article *a = r->o->articles[i];

		if (!permalink_ok(a->permalink)) {
			pos.file = a->path;
			pos.line = 0;
			diag_err(r->d, &pos, "unsafe permalink; page not "
			    "written");
			continue;
		}
		keys[n].date = render_date_ok(a->date) ? a->date : NULL;
		keys[n].permalink = a->permalink;
		keys[n++].i = i;
	}
	sort_array(keys, n, sizeof(*keys), newest_first);
	r->order = xcalloc(n + 1, sizeof(size_t));
	for (i = 0; i < n; i++)
		r->order[i] = keys[i].i;
	r->norder = n;
	free(keys);
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* Cuts s (valid UTF-8) to at most max bytes on a character boundary,
 * marking the cut with an ellipsis. */
static void
truncate_utf8(char *s, size_t max)
{
	size_t len = strlen(s);

	if (len <= max)
		return;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	memcpy(s + max, "\xe2\x80\xa6", 4);
}

static void
card_date(json_t *c, const struct article *a)
{
	char s[64];

	if (!render_date_ok(a->date))
		return;
	json_object_set_new(c, "date", json_stringn(a->date, 10));
	snprintf(s, sizeof(s), "%d %s %.4s", atoi(a->date + 8),
	    months[(atoi(a->date + 5) + 11) % 12], a->date);
	json_object_set_new(c, "date_display", json_string(s));
	if (a->date_inferred)
		json_object_set_new(c, "date_inferred", json_true());
}

/* A term of the article as {kind, kind_title, name, href}, a new
 * reference to an object made once per term; NULL if the term has no
 * page. Shared by every card that names the term: read-only. */
static json_t *
term_json(const struct render *r, const char *kind, const char *name)
{
	const struct kind *k;
	struct term *t;
	json_t *o;
	char *href;

	if (name == NULL ||
	    (t = (struct term *)render_term(r, kind, name, &k)) == NULL)
		return NULL;
	if (t->json != NULL)
		return json_incref(t->json);
	o = json_object();
	json_object_set_new(o, "kind", json_string(k->name));
	json_object_set_new(o, "kind_title", json_string(k->title));
	json_object_set_new(o, "name", json_string(t->name));
	href = render_term_href(k, t);
	json_object_set_new(o, "href", json_string(href));
	free(href);
	t->json = o;
	return json_incref(o);
}

static json_t *
card_tags(const struct render *r, const struct article *a)
{
	json_t *tags = json_array(), *t;
	size_t i, j;

	for (i = 0; i < r->nkinds; i++)
		for (j = 0; j < a->ntags; j++)
			if (strcmp(a->tags[j].kind, r->kinds[i].name) == 0 &&
			    (t = term_json(r, a->tags[j].kind,
			    a->tags[j].name)) != NULL)
				json_array_append_new(tags, t);
	return tags;
}

static json_t *
make_card(const struct render *r, const struct article *a)
{
	json_t *c = json_object(), *authors = json_array(), *t;
	char *s;
	size_t i;

	s = render_clean(a->title && *a->title ? a->title : "Untitled");
	truncate_utf8(s, 300);
	json_object_set_new(c, "title", json_string(s));
	free(s);
	json_object_set_new(c, "permalink", json_string(a->permalink));
	s = xmalloc(strlen(a->permalink) + sizeof("index.html"));
	memcpy(s, a->permalink, strlen(a->permalink));
	memcpy(s + strlen(a->permalink), "index.html", sizeof("index.html"));
	json_object_set_new(c, "href", json_string(s));
	free(s);
	card_date(c, a);
	render_jset(c, "dateline", a->dateline);
	if (lang_ok(a->language))
		render_jset(c, "language", a->language);
	if ((t = term_json(r, "sources", a->source)) != NULL)
		json_object_set_new(c, "source", t);
	if ((t = term_json(r, "agencies", a->agency)) != NULL)
		json_object_set_new(c, "agency", t);
	for (i = 0; i < a->authors.n; i++) {
		t = json_object();
		render_jset(t, "name", a->authors.v[i]);
		json_array_append_new(authors, t);
	}
	json_object_set_new(c, "authors", authors);
	s = md_summary(a);
	render_jset(c, "summary", s);
	free(s);
	json_object_set_new(c, "tags", card_tags(r, a));
	return c;
}

static void
make_cards(struct render *r)
{
	size_t i;

	r->cards = xcalloc(r->o->n + 1, sizeof(json_t *));
	for (i = 0; i < r->norder; i++)
		r->cards[r->order[i]] = make_card(r,
		    r->o->articles[r->order[i]]);
}

json_t *
render_card(const struct render *r, size_t i)
{
	return i < r->o->n ? r->cards[i] : NULL;
}

/*
 * Article i's card for a list (a new reference to an object made once),
 * or NULL. Mustache looks a name up
 * from the innermost context out, so a key that the listed card lacks
 * would be found on the page itself (an undated copy would show the
 * page's date, one without an outlet the page's outlet): the card's
 * optional keys are null here instead. "outlet" is who published it: the
 * source's name, else the agency's.
 */
json_t *
render_list_card(struct render *r, size_t i)
{
	static const char *const optional[] = {
		"date", "date_display", "date_inferred", "dateline",
		"language", "source", "agency", "summary"
	};
	json_t *c = render_card(r, i), *o;
	size_t k;

	if (c == NULL)
		return NULL;
	if (r->lcards == NULL)
		r->lcards = xcalloc(r->o->n + 1, sizeof(json_t *));
	if (r->lcards[i] != NULL)
		return json_incref(r->lcards[i]);
	c = json_copy(c);
	for (k = 0; k < sizeof(optional) / sizeof(*optional); k++)
		if (json_object_get(c, optional[k]) == NULL)
			json_object_set_new(c, optional[k], json_null());
	o = json_object_get(c, "source");
	if (!json_is_object(o))
		o = json_object_get(c, "agency");
	json_object_set(c, "outlet", json_is_object(o) ?
	    json_object_get(o, "name") : json_null());
	r->lcards[i] = c;
	return json_incref(c);
}

json_t *
render_cards(struct render *r, const size_t *v, size_t n)
{
	json_t *arr = json_array(), *c;
	size_t i;

	for (i = 0; i < n; i++)
		if ((c = render_list_card(r, v[i])) != NULL)
			json_array_append_new(arr, c);
	return arr;
}

/* ====} */

/* {==== Writing ==== */

/* Makes the directories of path (relative to r->dir), refusing to go
 * through anything that is not a real directory. */
static int
make_dirs(struct render *r, const char *full, size_t from)
{
	struct pos pos = { full, 0 };
	struct stat st;
	const char *slash = strrchr(full, '/');
	char *p, *s;
	int rc = 0;

	/* Pages come directory by directory: the one made last is known. */
	if (slash == NULL || (size_t)(slash - full) < from)
		return 0;
	if (r->lastdir != NULL &&
	    strlen(r->lastdir) == (size_t)(slash - full) &&
	    strncmp(r->lastdir, full, (size_t)(slash - full)) == 0)
		return 0;
	if (json_object_getn(r->dirs, full, (size_t)(slash - full)) != NULL)
		goto known;
	p = xstrdup(full);
	for (s = p + from; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (json_object_get(r->dirs, p) != NULL) {
			*s = '/';
			continue;
		}
		if (mkdir(p, 0755) == 0) {
			if (r->umask_bites)	/* 0755 whatever the umask */
				(void)chmod(p, 0755);
		} else if (errno != EEXIST || lstat(p, &st) < 0 ||
		    !S_ISDIR(st.st_mode)) {
			pos.file = p;
			diag_err(r->d, &pos, "cannot make directory: %s",
			    errno == EEXIST ? "not a directory" :
			    strerror(errno));
			rc = -1;
			break;
		}
		json_object_set_new(r->dirs, p, json_true());
		*s = '/';
	}
	free(p);
	if (rc < 0)
		return rc;
known:
	free(r->lastdir);
	r->lastdir = xmalloc((size_t)(slash - full) + 1);
	memcpy(r->lastdir, full, (size_t)(slash - full));
	r->lastdir[slash - full] = '\0';
	return 0;
}

int
render_write(struct render *r, const char *path, const char *data,
    size_t len)
{
	struct buf full = BUF_INIT;
	struct pos pos = { NULL, 0 };
	ssize_t k;
	int fd = -1, rc = -1;

	if (r->o->write != NULL)
		return r->o->write(r->o->write_arg, path, data, len);
	buf_puts(&full, r->dir);
	buf_putc(&full, '/');
	buf_puts(&full, path);
	pos.file = full.data;
	if (make_dirs(r, full.data, strlen(r->dir) + 1) < 0)
		goto out;
	fd = open(full.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0) {
		diag_err(r->d, &pos, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (r->umask_bites)		/* the same tree whatever the umask */
		(void)fchmod(fd, 0644);
	while (len > 0) {
		if ((k = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			diag_err(r->d, &pos, "write: %s", strerror(errno));
			goto out;
		}
		data += k;
		len -= (size_t)k;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) < 0 && rc == 0) {
		diag_err(r->d, &pos, "close: %s", strerror(errno));
		rc = -1;
	}
	buf_dispose(&full);
	return rc;
}

char *
render_abs(const struct render *r, const char *href)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(href);

	if (len >= 10 && strcmp(href + len - 10, "index.html") == 0)
		len -= 10;
	buf_puts(&b, r->base);
	buf_put(&b, href, len);
	return buf_detach(&b);
}

void
render_sitemap_add(struct render *r, const char *href, const char *lastmod)
{
	json_t *u = json_object();
	char *loc = render_abs(r, href);

	json_object_set_new(u, "loc", json_string(loc));
	if (lastmod != NULL)
		json_object_set_new(u, "lastmod", json_string(lastmod));
	json_array_append_new(r->sitemap, u);
	free(loc);
}

/* The keys every page has, {root, site, nav, updated}: one object per
 * depth of page, shared by all pages of that depth. */
static json_t *
common(struct render *r, const char *path)
{
	char *root = render_root(path);
	json_t *c;

	if ((c = json_object_get(r->commons, root)) == NULL) {
		c = json_object();
		json_object_set_new(c, "root", json_string(root));
		json_object_set(c, "site", r->site);
		json_object_set(c, "nav", r->nav);
		json_object_set_new(c, "updated", json_string(r->updated));
		json_object_set_new(r->commons, root, c);
	}
	free(root);
	return c;
}

int
render_page(struct render *r, const char *tname, const char *path,
    json_t *ctx)
{
	return render_page_on(r, tname, path, NULL, ctx);
}

int
render_page_on(struct render *r, const char *tname, const char *path,
    json_t *below, json_t *ctx)
{
	struct buf *out = &r->page;	/* reused: pages are similar in size */
	const struct tmpl *t;
	struct pos pos = { r->o->templates, 0 };
	json_t *stack[3];
	int failed = 0, rc = -1;

	buf_reset(out);
	stack[0] = common(r, path);
	stack[1] = below;
	stack[2] = ctx;
	t = tmpl_partials_get(r->tp, r->d, tname, &failed);
	if (t == NULL) {
		if (!failed)
			diag_err(r->d, &pos, "no template %s", tname);
		goto out;
	}
	if (tmpl_render_stack(out, r->d, t, stack, 3, r->tp) < 0)
		goto out;
	rc = render_write(r, path, out->data, out->len);
	if (rc == 0 && strlen(path) >= 5 &&
	    strcmp(path + strlen(path) - 5, ".html") == 0 &&
	    strncmp(path, "search/", 7) != 0)
		render_sitemap_add(r, path, NULL);
out:
	json_decref(ctx);
	return rc;
}

/* Copies the regular files of TEMPLATES/assets/ to assets/. */
static int
copy_assets(struct render *r)
{
	struct buf path = BUF_INIT, data = BUF_INIT, dst = BUF_INIT;
	struct dirent *e;
	struct stat st;
	char chunk[8192];
	ssize_t k;
	DIR *dp;
	int fd, rc = 0;

	buf_printf(&path, "%s/assets", r->o->templates);
	if ((dp = opendir(path.data)) == NULL) {
		buf_dispose(&path);
		return 0;
	}
	while (rc == 0 && (e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/assets/%s", r->o->templates, e->d_name);
		if (lstat(path.data, &st) < 0 || !S_ISREG(st.st_mode) ||
		    (fd = open(path.data, O_RDONLY | O_NOFOLLOW)) < 0)
			continue;
		buf_reset(&data);
		while ((k = read(fd, chunk, sizeof(chunk))) > 0)
			buf_put(&data, chunk, (size_t)k);
		close(fd);
		buf_reset(&dst);
		buf_printf(&dst, "assets/%s", e->d_name);
		rc = render_write(r, dst.data, data.data, data.len);
	}
	closedir(dp);
	buf_dispose(&path);
	buf_dispose(&data);
	buf_dispose(&dst);
	return rc;
}

/* ====} */

/* {==== render_site ==== */

/* The templates every site needs, checked before anything is written. */
static const char *const page_templates[] = {
	"index", "article", "kinds", "kind", "term", "archive", "month",
	"search", "feed.xml", "sitemap.xml", "changes", "changes.xml"
};

static int
load_templates(struct render *r)
{
	struct pos pos = { r->o->templates, 0 };
	struct stat st;
	size_t i;
	int failed = 0;

	errno = 0;

	if (stat(r->o->templates, &st) < 0 || !S_ISDIR(st.st_mode)) {
		diag_err(r->d, &pos, "not a templates directory: %s "
		    "(site.conf: templates)", errno ? strerror(errno) :
		    "not a directory");
		return -1;
	}
	r->tp = tmpl_partials_new(r->o->templates, 0);
	for (i = 0; i < sizeof(page_templates) / sizeof(*page_templates);
	    i++)
		if (tmpl_partials_get(r->tp, r->d, page_templates[i],
		    &failed) == NULL) {
			if (!failed)
				diag_err(r->d, &pos, "no template %s",
				    page_templates[i]);
			return -1;
		}
	return 0;
}

static void
make_common(struct render *r)
{
	struct buf b = BUF_INIT;
	json_t *k;
	size_t i;

	r->site = json_object();
	render_jset(r->site, "title", r->o->title ? r->o->title :
	    "My archive");
	render_jset(r->site, "language", lang_ok(r->o->language) ?
	    r->o->language : "en");
	json_object_set_new(r->site, "base_url", json_string(r->base));
	json_object_set_new(r->site, "articles",
	    json_integer((json_int_t)r->norder));
	r->nav = json_array();
	for (i = 0; i < r->nkinds; i++) {
		k = json_object();
		json_object_set_new(k, "name", json_string(r->kinds[i].name));
		json_object_set_new(k, "title",
		    json_string(r->kinds[i].title));
		buf_reset(&b);
		buf_printf(&b, "%s/index.html", r->kinds[i].slug);
		json_object_set_new(k, "href", json_string(b.data));
		json_object_set_new(k, "count",
		    json_integer((json_int_t)r->kinds[i].nterms));
		json_array_append_new(r->nav, k);
	}
	buf_dispose(&b);
}

static int
check_opts(struct render *r)
{
	struct pos pos = { "site.conf", 0 };
	const char *u = r->o->base_url ? r->o->base_url : "http://localhost/";
	size_t len = strlen(u);

	if (!render_url_ok(u)) {
		diag_err(r->d, &pos, "base_url must be an absolute http or "
		    "https URL");
		return -1;
	}
	r->base = xmalloc(len + 2);
	memcpy(r->base, u, len + 1);
	if (len == 0 || u[len - 1] != '/')
		memcpy(r->base + len, "/", 2);
	r->updated = render_iso_time(r->o->updated);
	return 0;
}

static void
dispose(struct render *r)
{
	size_t i;

	if (r->cards != NULL)
		for (i = 0; i < r->o->n; i++)
			json_decref(r->cards[i]);
	free(r->cards);
	if (r->entries != NULL)
		for (i = 0; i < r->o->n; i++)
			json_decref(r->entries[i]);
	free(r->entries);
	if (r->lcards != NULL)
		for (i = 0; i < r->o->n; i++)
			json_decref(r->lcards[i]);
	free(r->lcards);
	free(r->order);
	free_kinds(r);
	json_decref(r->nav);
	json_decref(r->site);
	json_decref(r->sitemap);
	tmpl_partials_free(r->tp);
	json_decref(r->dirs);
	json_decref(r->commons);
	buf_dispose(&r->page);
	free(r->lastdir);
	free(r->base);
	free(r->updated);
}

int
render_site(struct diag *d, const struct render_opts *o, const char *dir)
{
	struct render r;
	mode_t mask;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.d = d;
	r.o = o;
	r.dir = dir;
	r.sitemap = json_array();
	r.dirs = json_object();
	r.commons = json_object();
	r.page.data = buf_empty;	/* BUF_INIT */
	mask = umask(022);
	umask(mask);
	r.umask_bites = (mask & 0755) != 0;
	if (check_opts(&r) < 0 || load_templates(&r) < 0)
		goto out;
	order_articles(&r);
	collect_terms(&r);
	make_cards(&r);
	make_common(&r);
	if (render_index(&r) < 0 || render_articles(&r) < 0 ||
	    render_kinds(&r) < 0 || render_archive(&r) < 0 ||
	    render_feed(&r, "feed.xml", NULL, "index.html", r.order,
	    r.norder) < 0 || render_changes(&r) < 0 || render_search(&r) < 0 ||
	    render_sitemap(&r) < 0 || copy_assets(&r) < 0)
		goto out;
	rc = 0;
out:
	dispose(&r);
	return rc;
}

/* ====} */
