/* export.c: articles as JSON (export.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/export.h"
#include "render/md.h"
#include "core/utf8.h"
#include "core/xalloc.h"

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
str_array(const struct strv *sv)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < sv->n; i++)
		json_array_append_new(arr, json_string(sv->v[i]));
	return arr;
}

json_t *
export_parse_json(const struct article *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "path", str_or_null(a->path));
	/* The parser's fields say what the text gives: no headline is a
	 * null title; the one made from the lead is beside it. */
	json_object_set_new(o, "title", str_or_null(a->title_from == NULL ?
	    a->title : NULL));
	json_object_set_new(o, "title_made", str_or_null(a->title_from != NULL ?
	    a->title : NULL));
	json_object_set_new(o, "authors", str_array(&a->authors));
	json_object_set_new(o, "agency", str_or_null(a->agency));
	json_object_set_new(o, "date", str_or_null(a->date));
	json_object_set_new(o, "dateline", str_or_null(a->dateline));
	json_object_set_new(o, "source", str_or_null(a->source));
	json_object_set_new(o, "url", str_or_null(a->url));
	json_object_set_new(o, "language", str_or_null(a->language));
	json_object_set_new(o, "slug", str_or_null(a->slug));
	json_object_set_new(o, "word_count", json_integer((json_int_t)a->word_count));
	json_object_set_new(o, "paragraphs", str_array(&a->paragraphs));
	json_object_set_new(o, "subheads", str_array(&a->subheads));
	json_object_set_new(o, "key_points", str_array(&a->key_points));
	json_object_set_new(o, "captions", str_array(&a->captions));
	json_object_set_new(o, "boilerplate", str_array(&a->boilerplate));
	return o;
}

/* {==== articles.json: every article of the site, for other programs */

/* A JSON string of s, which (a file name) may not be UTF-8: each byte
 * that does not start a valid sequence becomes "\xHH", so that the name
 * keeps one identity (U+FFFD would merge names). */
static json_t *
name_json(const char *s)
{
	struct buf b = BUF_INIT;
	json_t *j;

	if ((j = json_string(s)) != NULL)
		return j;
	utf8_put_name(&b, s);
	j = json_stringn(b.data, b.len);
	buf_dispose(&b);
	return j != NULL ? j : json_string("");
}

/* The kinds every article lists, even empty, in this order; kinds that
 * rules add follow, sorted bytewise. */
static const char *const fixed_kinds[] = { "people", "places",
    "organisations", "topics", NULL };

static int
fixed_kind(const char *kind)
{
	size_t i;

	for (i = 0; fixed_kinds[i] != NULL; i++)
		if (strcmp(fixed_kinds[i], kind) == 0)
			return 1;
	return 0;
}

/* The display names of the article's tags of one kind into names,
 * sorted and unique, so that the order in which rules ran does not
 * show. */
static void
kind_names(struct strv *names, const struct article *a, const char *kind)
{
	size_t i;

	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i].kind, kind) == 0 &&
		    strv_find(names, a->tags[i].name) < 0)
			strv_push(names, a->tags[i].name);
	strv_sort(names);
}

static json_t *
tag_names(const struct article *a, const char *kind)
{
	struct strv names = STRV_INIT;
	json_t *arr = json_array();
	size_t i;

	kind_names(&names, a, kind);
	for (i = 0; i < names.n; i++)
		json_array_append_new(arr, json_string(names.v[i]));
	strv_dispose(&names);
	return arr;
}

static void
add_tags(json_t *o, const struct article *a)
{
	struct strv extra = STRV_INIT;
	size_t i;

	for (i = 0; fixed_kinds[i] != NULL; i++)
		json_object_set_new(o, fixed_kinds[i], tag_names(a,
		    fixed_kinds[i]));
	for (i = 0; i < a->ntags; i++)
		if (!fixed_kind(a->tags[i].kind) &&
		    !md_reserved_key(a->tags[i].kind) &&
		    json_object_get(o, a->tags[i].kind) == NULL &&
		    strv_find(&extra, a->tags[i].kind) < 0)
			strv_push(&extra, a->tags[i].kind);
	strv_sort(&extra);
	for (i = 0; i < extra.n; i++)
		json_object_set_new(o, extra.v[i], tag_names(a, extra.v[i]));
	strv_dispose(&extra);
}

/* Appends the permalink of all[k] (when there is one) to arr. */
static void
put_permalink(json_t *arr, struct article *const *all, size_t n, size_t k)
{
	if (k < n && all[k]->permalink != NULL)
		json_array_append_new(arr, json_string(all[k]->permalink));
}

static json_t *
related_links(const struct article *a, struct article *const *all, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < a->nrelated; i++)
		put_permalink(arr, all, n, a->related[i].index);
	return arr;
}

/* The reason of each entry of related_links(), in the same order. */
static json_t *
related_reasons(const struct article *a, struct article *const *all,
    size_t n)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < a->nrelated; i++)
		if ((k = a->related[i].index) < n && all[k]->permalink != NULL)
			json_array_append_new(arr,
			    str_or_null(a->related[i].reason));
	return arr;
}

/* The permalink of the thread's neighbour k (an index, or -1), or null. */
static json_t *
thread_link(long k, struct article *const *all, size_t n)
{
	if (k < 0 || (size_t)k >= n || all[k]->permalink == NULL)
		return json_null();
	return json_string(all[k]->permalink);
}

static json_t *
syndicated_links(const struct article *a, struct article *const *all,
    size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < a->nsyndicated; i++)
		put_permalink(arr, all, n, a->syndicated[i]);
	return arr;
}

json_t *
export_article_json(const struct article *a, struct article *const *all,
    size_t n, const char *content, const char *summary)
{
	json_t *o = json_object();
	const char *path = a->path;
	size_t k = strlen(content);

	if (k > 0 && strncmp(path, content, k) == 0 && path[k] == '/')
		path += k + 1;
	json_object_set_new(o, "title", str_or_null(a->title));
	json_object_set_new(o, "title_from", str_or_null(a->title_from));
	json_object_set_new(o, "date", str_or_null(article_date(a)));
	json_object_set_new(o, "authors", str_array(&a->authors));
	json_object_set_new(o, "agency", str_or_null(a->agency));
	json_object_set_new(o, "dateline", str_or_null(a->dateline));
	json_object_set_new(o, "source", str_or_null(a->source));
	json_object_set_new(o, "source_url", str_or_null(a->url));
	json_object_set_new(o, "slug", str_or_null(a->slug));
	json_object_set_new(o, "language", str_or_null(a->language));
	add_tags(o, a);
	json_object_set_new(o, "related", related_links(a, all, n));
	json_object_set_new(o, "related_reasons", related_reasons(a, all, n));
	json_object_set_new(o, "syndicated", syndicated_links(a, all, n));
	json_object_set_new(o, "thread_prev", thread_link(a->thread_prev, all,
	    n));
	json_object_set_new(o, "thread_next", thread_link(a->thread_next, all,
	    n));
	json_object_set_new(o, "captions", str_array(&a->captions));
	json_object_set_new(o, "key_points", str_array(&a->key_points));
	json_object_set_new(o, "summary", str_or_null(summary));
	json_object_set_new(o, "path", name_json(path));
	json_object_set_new(o, "permalink", str_or_null(a->permalink));
	json_object_set_new(o, "date_inferred",
	    json_boolean(a->date_inferred != NULL));
	return o;
}

/* }==== */

/*
 * {==== articles.json as text
 *
 * The bytes json_dumps(..., JSON_INDENT(2) | JSON_PRESERVE_ORDER) gives
 * of the array of export_article_json() of each article, written
 * straight from the articles: a site of 10,000 articles spent most of
 * this file's time building and freeing jansson's objects. It follows
 * jansson 2.14's rules exactly: a string that is not valid UTF-8 is no
 * JSON string, so the key that would hold it is left out (the element,
 * in an array); a key set twice keeps its first place and takes the
 * last value; strings escape '"', '\\' and the controls (\b \f \n \r
 * \t, others as \u00XX), and nothing else.
 */

/* Whether s can be a JSON string (jansson makes none of other bytes). */
static int
text_ok(const char *s)
{
	return utf8_valid(s, strlen(s));
}

/* Appends s as a JSON string; -1 (nothing appended) when it is not
 * valid UTF-8. */
static int
text_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k;

	if (!text_ok(s))
		return -1;
	buf_putc(b, '"');
	for (;;) {
		for (k = 0; s[k] != '\0' && s[k] != '"' && s[k] != '\\' &&
		    (unsigned char)s[k] >= 0x20; k++)
			continue;
		buf_put(b, s, k);
		if (s[k] == '\0')
			break;
		s += k;
		switch (*s) {
		case '"':	BUF_PUTSL(b, "\\\""); break;
		case '\\':	BUF_PUTSL(b, "\\\\"); break;
		case '\b':	BUF_PUTSL(b, "\\b"); break;
		case '\f':	BUF_PUTSL(b, "\\f"); break;
		case '\n':	BUF_PUTSL(b, "\\n"); break;
		case '\r':	BUF_PUTSL(b, "\\r"); break;
		case '\t':	BUF_PUTSL(b, "\\t"); break;
		default:
			BUF_PUTSL(b, "\\u00");
			buf_putc(b, hex[(unsigned char)*s >> 4]);
			buf_putc(b, hex[*s & 15]);
		}
		s++;
	}
	buf_putc(b, '"');
	return 0;
}

/* A member of the article's object: its key and where its value's
 * text lies in the scratch buffer. */
struct text_member {
	const char	*key;
	size_t		 off, len;
};

/* The article's object being written: its members in order, their
 * values' text in vals. */
struct text_obj {
	struct text_member	*m;
	size_t			 n, cap;
	struct buf		 vals;
	size_t			 mark;	/* where the value being written
					   starts in vals */
};

/* Starts the value of the next member. */
static struct buf *
text_begin(struct text_obj *o)
{
	o->mark = o->vals.len;
	return &o->vals;
}

/* Ends the value started by text_begin() as the member key; ok < 0
 * drops it (a string jansson would not make). */
static void
text_end(struct text_obj *o, const char *key, int ok)
{
	size_t i;

	if (ok < 0 || !text_ok(key)) {
		if (o->vals.len > o->mark) {	/* the value goes */
			o->vals.len = o->mark;
			o->vals.data[o->mark] = '\0';
		}
		return;
	}
	for (i = 0; i < o->n; i++)
		if (strcmp(o->m[i].key, key) == 0)
			break;
	if (i == o->n) {
		ARRAY_GROW(o->m, o->n, o->cap);
		o->n++;
		o->m[i].key = key;
	}
	o->m[i].off = o->mark;
	o->m[i].len = o->vals.len - o->mark;
}

static void
text_set_str(struct text_obj *o, const char *key, const char *s)
{
	struct buf *b = text_begin(o);
	int ok = 0;

	if (s == NULL)
		BUF_PUTSL(b, "null");
	else
		ok = text_str(b, s);
	text_end(o, key, ok);
}

/* Starts element k of an array that is the value of a member of an
 * element of the top array: its elements are at depth 3. */
static void
text_elem(struct buf *b, size_t k)
{
	if (k > 0)
		buf_putc(b, ',');
	BUF_PUTSL(b, "\n      ");
}

/* Ends such an array of k elements. */
static void
text_close(struct buf *b, size_t k)
{
	if (k > 0)
		BUF_PUTSL(b, "\n    ");
	buf_putc(b, ']');
}

static void
text_set_strs(struct text_obj *o, const char *key, const char *const *v,
    size_t n)
{
	struct buf *b = text_begin(o);
	size_t i, k = 0;

	buf_putc(b, '[');
	for (i = 0; i < n; i++)
		if (text_ok(v[i])) {
			text_elem(b, k++);
			(void)text_str(b, v[i]);
		}
	text_close(b, k);
	text_end(o, key, 0);
}

static void
text_set_strv(struct text_obj *o, const char *key, const struct strv *sv)
{
	text_set_strs(o, key, (const char *const *)sv->v, sv->n);
}

static void
text_set_raw(struct text_obj *o, const char *key, const char *raw)
{
	buf_puts(text_begin(o), raw);
	text_end(o, key, 0);
}

static void
text_tags(struct text_obj *o, const struct article *a, const char *kind)
{
	struct strv names = STRV_INIT;

	kind_names(&names, a, kind);
	text_set_strv(o, kind, &names);
	strv_dispose(&names);
}

/* The kinds add_tags() lists, in its order. */
static void
text_all_tags(struct text_obj *o, const struct article *a)
{
	struct strv extra = STRV_INIT;
	size_t i, j;

	for (i = 0; fixed_kinds[i] != NULL; i++)
		text_tags(o, a, fixed_kinds[i]);
	for (i = 0; i < a->ntags; i++) {
		if (fixed_kind(a->tags[i].kind) ||
		    md_reserved_key(a->tags[i].kind) ||
		    strv_find(&extra, a->tags[i].kind) >= 0)
			continue;
		for (j = 0; j < o->n; j++)
			if (strcmp(o->m[j].key, a->tags[i].kind) == 0)
				break;
		if (j == o->n)
			strv_push(&extra, a->tags[i].kind);
	}
	strv_sort(&extra);
	/* The kinds outlive o: they are the article's. */
	for (i = 0; i < extra.n; i++)
		for (j = 0; j < a->ntags; j++)
			if (strcmp(a->tags[j].kind, extra.v[i]) == 0) {
				text_tags(o, a, a->tags[j].kind);
				break;
			}
	strv_dispose(&extra);
}

/* The permalinks of the related (or syndicated) articles that have
 * one (an index past n has none), or, with reasons, their reasons. */
static void
text_links(struct text_obj *o, const char *key, const struct article *a,
    struct article *const *all, size_t n, int related, int reasons)
{
	struct buf *b = text_begin(o);
	size_t i, k, cnt = related ? a->nrelated : a->nsyndicated, m = 0;
	const char *s;

	buf_putc(b, '[');
	for (i = 0; i < cnt; i++) {
		k = related ? a->related[i].index : a->syndicated[i];
		if (k >= n || all[k]->permalink == NULL)
			continue;
		s = reasons ? a->related[i].reason : all[k]->permalink;
		if (s == NULL) {
			text_elem(b, m++);
			BUF_PUTSL(b, "null");
		} else if (text_ok(s)) {
			text_elem(b, m++);
			(void)text_str(b, s);
		}
	}
	text_close(b, m);
	text_end(o, key, 0);
}

static void
text_thread(struct text_obj *o, const char *key, long k,
    struct article *const *all, size_t n)
{
	text_set_str(o, key, k < 0 || (size_t)k >= n ? NULL :
	    all[k]->permalink);
}

/* article_json() as text, at depth 1 of the top array. */
static void
text_article(struct buf *out, struct text_obj *o, const struct article *a,
    struct article *const *all, size_t n, const char *content,
    const char *summary)
{
	struct buf name = BUF_INIT;
	const char *path = a->path;
	size_t k = strlen(content), i;

	if (k > 0 && strncmp(path, content, k) == 0 && path[k] == '/')
		path += k + 1;
	o->n = 0;
	buf_reset(&o->vals);
	text_set_str(o, "title", a->title);
	text_set_str(o, "title_from", a->title_from);
	text_set_str(o, "date", article_date(a));
	text_set_strv(o, "authors", &a->authors);
	text_set_str(o, "agency", a->agency);
	text_set_str(o, "dateline", a->dateline);
	text_set_str(o, "source", a->source);
	text_set_str(o, "source_url", a->url);
	text_set_str(o, "slug", a->slug);
	text_set_str(o, "language", a->language);
	text_all_tags(o, a);
	text_links(o, "related", a, all, n, 1, 0);
	text_links(o, "related_reasons", a, all, n, 1, 1);
	text_links(o, "syndicated", a, all, n, 0, 0);
	text_thread(o, "thread_prev", a->thread_prev, all, n);
	text_thread(o, "thread_next", a->thread_next, all, n);
	text_set_strv(o, "captions", &a->captions);
	text_set_strv(o, "key_points", &a->key_points);
	text_set_str(o, "summary", summary);
	/* name_json(): a name that is not UTF-8 keeps its bytes as \xHH */
	if (!text_ok(path)) {
		utf8_put_name(&name, path);
		path = name.data;
	}
	text_set_str(o, "path", path);
	text_set_str(o, "permalink", a->permalink);
	text_set_raw(o, "date_inferred", a->date_inferred != NULL ? "true" :
	    "false");
	buf_putc(out, '{');
	for (i = 0; i < o->n; i++) {
		buf_puts(out, i ? ",\n    " : "\n    ");
		(void)text_str(out, o->m[i].key);
		BUF_PUTSL(out, ": ");
		buf_put(out, o->vals.data + o->m[i].off, o->m[i].len);
	}
	BUF_PUTSL(out, "\n  }");
	buf_dispose(&name);
}

void
export_articles_text(struct buf *out, struct article *const *order,
    struct article *const *all, size_t n, const char *content,
    char *const *summaries)
{
	struct text_obj o;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.vals = (struct buf)BUF_INIT;
	buf_putc(out, '[');
	for (i = 0; i < n; i++) {
		buf_puts(out, i ? ",\n  " : "\n  ");
		text_article(out, &o, order[i], all, n, content,
		    summaries != NULL ? summaries[i] : NULL);
	}
	if (n > 0)
		buf_putc(out, '\n');
	buf_putc(out, ']');
	buf_dispose(&o.vals);
	free(o.m);
}

/* }==== */
