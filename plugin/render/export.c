/* export.c: articles as JSON (export.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/export.h"
#include "render/md.h"
#include "core/utf8.h"

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

/* The display names of the article's tags of one kind, sorted and
 * unique, so that the order in which rules ran does not show. */
static json_t *
tag_names(const struct article *a, const char *kind)
{
	struct strv names = STRV_INIT;
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i].kind, kind) == 0 &&
		    strv_find(&names, a->tags[i].name) < 0)
			strv_push(&names, a->tags[i].name);
	strv_sort(&names);
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
